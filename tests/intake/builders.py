"""What intake's tests build: the service's settings, request bodies, a registered report,
an office in the service's copy of the office registry, integration's events on the
stream (a pulled complaint sealed with the transfer keyring), and the SQL a request sends
(the tests that count statements)."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import nats
import pytest
from sqlalchemy import event

from apik_intake.settings import Settings
from apik_shared.platform.crypto import FieldCipher
from apik_shared.platform.events.bus import ensure_stream
from apik_shared.platform.events.envelope import CloudEvent, source_of, subject_for
from apik_shared.platform.events.payloads.base import Event
from apik_shared.platform.events.payloads.gateway import (
    OfficeRegistered,
    OfficeState,
    OfficeUpdated,
)
from apik_shared.platform.events.payloads.integration import ComplaintPulled
from apik_shared.platform.events.payloads.prevention import CommunityMemberStatusChanged
from apik_testing.infra import TestInfra
from apik_testing.polling import eventually
from apik_testing.services import RunningService, service_settings, test_keyring

REPORTS = "/api/v1/intake/reports"
# Formal verification's checklist with every item satisfied (not represented), and the
# body of a formal verification that passes a report registered from `report_body`.
CHECKLIST_SATISFIED = {
    "identity": True,
    "chronology": True,
    "prior_complaint": True,
    "within_two_years": True,
}
FORMALLY_COMPLETE = {"complete": True, "checklist": CHECKLIST_SATISFIED}


async def intake_settings(
    infra: TestInfra, tmp_path_factory: pytest.TempPathFactory, **overrides: object
) -> Settings:
    """The test intake's settings, with `overrides` on top."""
    return await service_settings(
        Settings,
        infra,
        "apik_intake",
        pii_keys=test_keyring(),
        attachments_dir=str(tmp_path_factory.mktemp("attachments")),
        attachment_max_bytes=64 * 1024,
        # The deadline job runs once at start; tests run it themselves.
        deadline_scan_seconds=3600,
        **overrides,
    )


def report_body(**overrides: object) -> dict[str, Any]:
    body: dict[str, Any] = {
        "kind": "LM",
        "channel": "walk_in",
        "reporter": {
            "name": "Budi Santoso",
            "nik": "1771010101900001",
            # The identity formal verification needs in full (the NIK encodes 1 Jan 1990).
            "place_of_birth": "Bengkulu",
            "date_of_birth": "1990-01-01",
            "address": "Jl. Salak No. 5, Kota Bengkulu",
            "occupation": "Petani",
            "phone": "0812-3456-7890",
            "email": "budi@example.id",
            "confidential": False,
        },
        "reported_agency": {"name": "Dinas Pendidikan Kota Bengkulu"},
        "substance": "education",
        "summary": "Ijazah tidak diserahkan",
        "chronology": "Sejak Juli 2026 sekolah menahan ijazah anak pelapor.",
        "event_date": "2026-07-15",
    }
    body.update(overrides)
    return body


async def register(
    intake: RunningService, headers: dict[str, str], **overrides: object
) -> dict[str, Any]:
    """A report registered by staff (`report_body` with `overrides`); its body."""
    response = await intake.client.post(REPORTS, json=report_body(**overrides), headers=headers)
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


async def step(intake: RunningService, report_id: str, path: str, body: dict, headers: dict):
    """A step on the report (`formal-verification`, `plenary-decision`, ...); the answer."""
    return await intake.client.post(f"{REPORTS}/{report_id}/{path}", json=body, headers=headers)


async def formally_verified(intake: RunningService, headers: dict[str, str]) -> str:
    """A report registered and through formal verification; its id."""
    report = await register(intake, headers)
    passed = await step(intake, report["id"], "formal-verification", FORMALLY_COMPLETE, headers)
    assert passed.status_code == 200, passed.text
    return str(report["id"])


async def register_office(
    intake: RunningService,
    nats_url: str,
    code: str,
    timezone: str = "Asia/Jakarta",
    *,
    version: int = 1,
    **fields: object,
) -> OfficeState:
    """An office put into intake's copy of the registry the way production does: the
    gateway's `office.registered` (`office.updated` from version 2 on) published on the
    suite's NATS, consumed by the running service; returns once the copy has it."""
    kind = OfficeRegistered if version == 1 else OfficeUpdated
    office = kind.model_validate(
        {
            "code": code,
            "name": f"Perwakilan {code}",
            "timezone": timezone,
            "version": version,
            "letterhead": ["OMBUDSMAN REPUBLIK INDONESIA", f"PERWAKILAN {code}"],
            **fields,
        }
    )
    event = CloudEvent(
        source=source_of("gateway"),
        type=kind.event_type,
        subject=code,
        data=office.model_dump(mode="json"),
    )
    nc = await nats.connect(nats_url)
    try:
        await ensure_stream(nc.jetstream())
        await nc.jetstream().publish(
            kind.stream_subject(), event.to_json(), headers={"Nats-Msg-Id": event.id}
        )
    finally:
        await nc.close()

    async def kept() -> int:
        held = await intake.scalar(
            "SELECT version FROM office_registry WHERE code = :code", code=code
        )
        return 0 if held is None else int(held)

    await eventually(kept, lambda held: held >= version)
    return office


# --- portals and imports: events from integration, sealed with the transfer keyring ---
PORTAL_OFFICE = "PRTL"


async def announce(nats_url: str, event: Event, subject: str) -> None:
    """The event on the suite's stream as integration's relay publishes it, each time
    as a new message (a new event id: not the inbox's duplicate)."""
    envelope = CloudEvent(
        source=source_of(event.producer),
        type=event.event_type,
        subject=subject,
        data=event.model_dump(mode="json"),
    )
    nc = await nats.connect(nats_url)
    try:
        await ensure_stream(nc.jetstream())
        await nc.jetstream().publish(
            event.stream_subject(), envelope.to_json(), headers={"Nats-Msg-Id": envelope.id}
        )
    finally:
        await nc.close()


def pulled(intake: RunningService, tracking: str, content: dict[str, Any]) -> ComplaintPulled:
    transfer = FieldCipher(intake.app.state.settings.transfer_keys)
    return ComplaintPulled(
        pulled_id=str(uuid.uuid4()),
        portal="lapor",
        external_id=tracking,
        office=PORTAL_OFFICE,
        assigned_at=datetime.now(UTC) - timedelta(minutes=5),
        via="webhook",
        sealed=transfer.encrypt(
            json.dumps(content).encode(), context=f"portal-complaint:lapor:{tracking}"
        ),
    )


CONTENT = {
    "title": "Ijazah ditahan sekolah",
    "description": "Sekolah menahan ijazah karena tunggakan.",
    "category": "pendidikan",
    "agency": "SMA Negeri 1",
    "complainant": {"name": "Rudi Hartono", "email": "rudi@example.id", "phone": "0812-5555-6666"},
}


async def report_of(intake: RunningService, tracking: str) -> str | None:
    value = await intake.scalar(
        "SELECT report_id FROM portal_origin WHERE external_id = :t", t=tracking
    )
    return None if value is None else str(value)


# --- Sahabat Ombudsman members as prevention announces them ---
MEMBER_STATUS = "SELECT status FROM community_member_copy WHERE id = CAST(:m AS uuid)"


async def member_is(
    intake: RunningService,  # unused: the consumer takes it; the callers name it
    infra: TestInfra,
    member: str,
    status: str,
    at: datetime,
    office: str = "BKL",
) -> None:
    payload = CommunityMemberStatusChanged(
        member_id=member, office=office, status=status, changed_at=at, changed_by="cegah"
    )
    event = CloudEvent(
        source=source_of("prevention"),
        type=payload.event_type,
        subject=member,
        data=payload.model_dump(mode="json"),
    )
    connection = await nats.connect(infra.nats_url)
    try:
        stream = connection.jetstream()
        await ensure_stream(stream)
        await stream.publish(
            subject_for("prevention", event.type),
            event.to_json(),
            headers={"Nats-Msg-Id": str(uuid.uuid4())},
        )
    finally:
        await connection.close()


@contextmanager
def statements(intake) -> Iterator[list[str]]:
    """The SQL the intake app sends while the block runs (the relay's included): what
    goes through SQLAlchemy, and what the hot path sends on asyncpg directly (its
    query logger, which also sees the transactions' BEGIN and COMMIT; SQLAlchemy's own
    statements run as asyncpg prepared statements, which it does not see)."""
    engine = intake.app.state.database.engine.sync_engine
    seen: list[str] = []
    watched: list[object] = []

    def record(conn, cursor, statement, params, context, executemany) -> None:
        seen.append(" ".join(statement.split()))

    def logged(query) -> None:
        seen.append(" ".join(query.query.split()))

    def watch(dbapi_connection, record_, proxy) -> None:
        driver = dbapi_connection.driver_connection
        driver.add_query_logger(logged)
        watched.append(driver)

    event.listen(engine, "before_cursor_execute", record)
    event.listen(engine, "checkout", watch)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)
        event.remove(engine, "checkout", watch)
        for driver in watched:
            driver.remove_query_logger(logged)  # type: ignore[attr-defined]


async def logged() -> None:
    """asyncpg calls its query loggers soon after the query, not in it."""
    await asyncio.sleep(0.05)
