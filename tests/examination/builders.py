"""What examination's tests share: a handoff from intake published on the real NATS,
the case it opens, an office registered by the gateway, a roster entry, a concluded
case (LHP), a closed case and its survey answers."""

from __future__ import annotations

import asyncio
import hashlib
import secrets
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import nats

from apik_shared.platform.db import Database
from apik_shared.platform.events.bus import ensure_stream
from apik_shared.platform.events.envelope import CloudEvent, source_of, subject_for
from apik_shared.platform.events.outbox import Outbox
from apik_shared.platform.events.payloads import ReportVerified
from apik_shared.platform.events.payloads.gateway import OfficeRegistered, OfficeUpdated
from apik_shared.platform.events.payloads.intake import SurveyLinkIssued
from apik_shared.platform.events.publish import bind_outbox
from apik_shared.vocabulary.ikm import ELEMENTS
from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens

API = "/api/v1/examination"


def handoff(
    office: str = "BKL", track: str = "regular", decided_at: datetime | None = None
) -> CloudEvent:
    """Intake's handoff of a new report, decided now or at `decided_at` (an office's
    history: the case opens then)."""
    now = decided_at or datetime.now(UTC)
    payload = ReportVerified(
        report_id=str(uuid.uuid4()),
        registration_number=f"{office}-2026-{uuid.uuid4().int % 99999:05d}",
        office=office,
        kind="LM",
        channel="web",
        substance="land",
        track=track,
        reported_agency="Kantor Pertanahan",
        summary="Sertifikat tak kunjung terbit",
        reporter_id=str(uuid.uuid4()),
        confidential=True,
        registered_at=now,
        verified_at=now,
        decided_by="kepala",
    )
    return CloudEvent(
        source=source_of("intake"),
        type="report.verified",
        subject=payload.report_id,
        data=payload.model_dump(mode="json"),
    )


async def publish(nats_url: str, event: CloudEvent, msg_id: str | None = None) -> None:
    """Publishes `event` on its producer's subject (the producer named by its source)."""
    producer = event.source.rstrip("/").rsplit("/", 1)[-1]
    nc = await nats.connect(nats_url)
    try:
        await ensure_stream(nc.jetstream())
        await nc.jetstream().publish(
            subject_for(producer, event.type),
            event.to_json(),
            headers={"Nats-Msg-Id": msg_id or event.id},
        )
    finally:
        await nc.close()


async def register_office(
    infra,
    service: RunningService,
    code: str,
    *,
    timezone: str = "Asia/Jakarta",
    closure_days: list[date] | None = None,
    observes_cuti_bersama: bool = True,
    version: int = 1,
) -> None:
    """The gateway registers office `code` (`office.registered`, or `office.updated` for a
    version after the first) on the suite's NATS, as in production; returns once the
    service's copy of the registry has that version."""
    kind = OfficeRegistered if version == 1 else OfficeUpdated
    office = kind(
        code=code,
        name=f"Perwakilan {code}",
        timezone=timezone,
        version=version,
        letterhead=["OMBUDSMAN REPUBLIK INDONESIA", f"PERWAKILAN {code}"],
        observes_cuti_bersama=observes_cuti_bersama,
        closure_days=closure_days or [],
    )
    event = CloudEvent(
        source=source_of("gateway"),
        type=kind.event_type,
        subject=code,
        data=office.model_dump(mode="json"),
    )
    await publish(infra.nats_url, event)
    for _ in range(200):
        kept = await service.scalar("SELECT version FROM office_registry WHERE code = :c", c=code)
        if kept is not None and kept >= version:
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"office {code} v{version} never reached the service's registry")


async def find_cases(service: RunningService, headers: dict[str, str], report_id: str) -> list:
    response = await service.client.get(
        "/api/v1/examination/cases", params={"report_id": report_id}, headers=headers
    )
    assert response.status_code == 200, response.text
    return response.json()["items"]


async def wait_for_case(service: RunningService, headers: dict[str, str], report_id: str) -> dict:
    for _ in range(200):
        if cases := await find_cases(service, headers, report_id):
            return cases[0]
        await asyncio.sleep(0.05)
    raise AssertionError(f"no case for report {report_id}")


def days_ago(days: float) -> datetime:
    return datetime.now(UTC) - timedelta(days=days)


def replica_database(service: RunningService, pool_size: int = 2) -> Database:
    """The database handle of another replica of the service: its own engine, and its
    own outbox bound to its sessions, as that replica's app would bind it."""
    database = Database(service.app.state.settings.database_url, pool_size=pool_size)
    bind_outbox(database.sessions, Outbox("examination"))
    return database


async def new_case(
    infra, service: RunningService, tokens: TestTokens, office: str = "BKL", **kw: Any
) -> dict:
    """The case a new handoff opens (`kw`: the handoff's other fields, e.g. `track`, or
    `decided_at` for a case of the office's past, opened then through the API's dates)."""
    event = handoff(office=office, **kw)
    await publish(infra.nats_url, event)
    headers = tokens.headers("examiner", office=office)
    return await wait_for_case(service, headers, event.data["report_id"])


async def put_examiner(
    service: RunningService, headers: dict[str, str], office: str, examiner_id: str, **body
) -> dict:
    body = {"display_name": examiner_id.removeprefix("user:").title(), "capacity": 10, **body}
    response = await service.client.put(
        f"{API}/offices/{office}/examiners/{examiner_id}", json=body, headers=headers
    )
    assert response.status_code == 200, response.text
    return response.json()


def answers(value: int = 4, **overrides: object) -> dict[str, object]:
    """A survey's answers: every element `value`, but those named (any JSON value, so
    the tests can send what a survey must refuse)."""
    return {e.value: value for e in ELEMENTS} | overrides


async def closed_case(infra, service, tokens: TestTokens, office: str = "BKL") -> tuple[dict, str]:
    """A case opened, assigned to budi and closed, and the reporter's survey link minted
    as intake does; returns the case and the link's token."""
    case = await close_case(infra, service, tokens, office)
    return case, await link_survey(infra, service, case)


async def close_case(infra, service, tokens: TestTokens, office: str = "BKL") -> dict:
    """A case opened, assigned to budi and closed (no survey link yet)."""
    event = handoff(office=office)
    await publish(infra.nats_url, event)
    case = await wait_for_case(
        service, tokens.headers("examiner", office=office), event.data["report_id"]
    )
    supervisor = tokens.headers("examination_supervisor", office=office)
    await service.client.put(
        f"{API}/offices/{office}/examiners/user:budi",
        json={"display_name": "Budi", "capacity": 50},
        headers=supervisor,
    )
    assigned = await service.client.post(
        f"{API}/cases/{case['id']}/assignment",
        json={"examiner_id": "user:budi"},
        headers=supervisor,
    )
    assert assigned.status_code == 200, assigned.text
    closed = await service.client.post(
        f"{API}/cases/{case['id']}/closure",
        json={"outcome": "withdrawn", "route": "reporter_request"},
        headers=tokens.headers("examiner", office=office, username="budi"),
    )
    assert closed.status_code == 200, closed.text
    return case


async def link_survey(infra, service: RunningService, case: dict) -> str:
    """Plays intake on `case.closed`: mints the reporter's survey link and publishes
    its hash; returns the link's token once examination's survey takes it."""
    token = secrets.token_urlsafe(24)
    link = SurveyLinkIssued(
        report_id=case["report_id"],
        case_id=case["id"],
        office=case["office"],
        token_sha256=hashlib.sha256(token.encode()).hexdigest(),
    )
    await publish(
        infra.nats_url,
        CloudEvent(
            source=source_of("intake"),
            type=SurveyLinkIssued.event_type,
            subject=link.report_id,
            data=link.model_dump(mode="json"),
        ),
    )
    deadline = asyncio.get_running_loop().time() + 15
    while (await service.client.get(f"{API}/public/surveys/{token}")).status_code != 200:
        assert asyncio.get_running_loop().time() < deadline, "the survey link never arrived"
        await asyncio.sleep(0.05)
    return token


def lhp(*actions: str) -> dict:
    """A final report finding maladministration, with corrective actions `actions`."""
    return {
        "finding": "maladministration_found",
        "forms": ["undue_delay"],
        "summary": "Penundaan berlarut penerbitan sertifikat",
        "corrective_actions": list(actions),
    }


async def concluded_case(
    infra,
    service: RunningService,
    tokens: TestTokens,
    *actions: str,
    office: str = "BKL",
    concluded_at: datetime | None = None,
) -> dict:
    """A case opened and concluded (LHP) by an examiner; returns its detail.

    With `concluded_at` the LHP is of the office's past, dated through the API: the case
    opens a day before it (the plenary's `decided_at`) and the report is dated then, so
    its deadlines count from that day as the service computes them."""
    decided_at = concluded_at - timedelta(days=1) if concluded_at is not None else None
    case = await new_case(infra, service, tokens, office=office, decided_at=decided_at)
    body = lhp(*actions)
    if concluded_at is not None:
        body["concluded_at"] = concluded_at.isoformat()
    response = await service.client.post(
        f"{API}/cases/{case['id']}/conclusion",
        json=body,
        headers=tokens.headers("examiner", office=office),
    )
    assert response.status_code == 200, response.text
    return response.json()
