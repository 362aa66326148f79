"""Intake's side of the portals (integration's phases 2 and 3), fed on the real stream:
a pulled complaint is registered once however often it is announced, sealed at rest, on
the `portal` channel with the portal's id; its contacts our rules refuse do not stop it;
a portal's status change is a note unless the map's step is allowed now."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import nats
import pytest
from pydantic import ValidationError

from apik_intake.portals import rules
from apik_intake.reports.schemas import ReportCreate
from apik_shared.platform.crypto import FieldCipher
from apik_shared.platform.events.bus import ensure_stream
from apik_shared.platform.events.envelope import CloudEvent, source_of
from apik_shared.platform.events.payloads.base import Event
from apik_shared.platform.events.payloads.integration import ComplaintPulled, PortalStatusChanged
from apik_testing.infra import TestInfra
from apik_testing.polling import eventually
from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens
from tests.intake.builders import REPORTS

OFFICE = "PRTL"


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
    transfer = FieldCipher(intake.app.state.settings.portal_transfer_keys)
    return ComplaintPulled(
        pulled_id=str(uuid.uuid4()),
        portal="lapor",
        external_id=tracking,
        office=OFFICE,
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


async def test_announced_twice_registered_once(
    intake: RunningService, infra: TestInfra, tokens: TestTokens
) -> None:
    tracking = "LPR-" + uuid.uuid4().hex[:8]
    await announce(infra.nats_url, pulled(intake, tracking, CONTENT), f"lapor:{tracking}")
    await announce(infra.nats_url, pulled(intake, tracking, CONTENT), f"lapor:{tracking}")
    report_id = await eventually(lambda: report_of(intake, tracking))
    later = "LPR-" + uuid.uuid4().hex[:8]  # a later one: the two before are consumed
    await announce(infra.nats_url, pulled(intake, later, CONTENT), f"lapor:{later}")
    await eventually(lambda: report_of(intake, later))
    count = await intake.scalar(
        "SELECT count(*) FROM report r JOIN portal_origin o ON o.report_id = r.id"
        " WHERE o.external_id = :t",
        t=tracking,
    )
    assert count == 1
    officer = tokens.headers("intake_officer", office=OFFICE, username="petugas")
    report = (await intake.client.get(f"{REPORTS}/{report_id}", headers=officer)).json()
    assert report["channel"] == "portal" and report["substance"] == "education"
    assert report["summary"] == "Ijazah ditahan sekolah"
    sealed = await intake.scalar(
        "SELECT identity FROM reporter WHERE id = :r", r=uuid.UUID(report["reporter"]["id"])
    )
    assert "Rudi" not in sealed


async def test_a_contact_our_rules_refuse_does_not_stop_the_complaint(
    intake: RunningService, infra: TestInfra
) -> None:
    tracking = "LPR-" + uuid.uuid4().hex[:8]
    odd = {**CONTENT, "complainant": {"name": "Rudi Hartono", "phone": "tidak ada"}}
    body = rules.report_body(
        odd, portal="lapor", external_id=tracking, substances={}, received_at=datetime.now(UTC)
    )
    with pytest.raises(ValidationError, match="phone"):
        ReportCreate.model_validate(body)  # the complaint as the portal has it is refused
    await announce(infra.nats_url, pulled(intake, tracking, odd), f"lapor:{tracking}")
    assert await eventually(lambda: report_of(intake, tracking))


async def test_a_status_change_is_a_note_unless_its_step_is_allowed_now(
    intake: RunningService, infra: TestInfra
) -> None:
    tracking = "LPR-" + uuid.uuid4().hex[:8]
    await announce(infra.nats_url, pulled(intake, tracking, CONTENT), f"lapor:{tracking}")
    report_id = str(await eventually(lambda: report_of(intake, tracking)))
    changed = PortalStatusChanged(
        portal="lapor",
        external_id=tracking,
        update_id="S-1",
        office=OFFICE,
        registration_number="?",
        report_id=report_id,
        portal_status="dicabut",
        effect="applied",
        apik_step="withdraw",  # a registered report cannot be withdrawn: a note
        at=datetime.now(UTC) - timedelta(minutes=1),
    )
    await announce(infra.nats_url, changed, report_id)

    async def note() -> Any:
        return await intake.scalar(
            "SELECT details->>'requested_step' FROM report_step"
            " WHERE report_id = :r AND step = 'portal_update'",
            r=uuid.UUID(report_id),
        )

    assert await eventually(note) == "withdraw"
    status = await intake.scalar("SELECT status FROM report WHERE id = :r", r=uuid.UUID(report_id))
    assert status == "registered"


def test_the_rules_of_a_portals_step() -> None:
    assert rules.portal_step("withdraw", kind="LM", status="awaiting_completion") is not None
    assert rules.portal_step("withdraw", kind="LM", status="registered") is None
    # A step a portal may not ask for, whatever the map says, and an unknown one.
    assert rules.portal_step("plenary_accept", kind="LM", status="materially_verified") is None
    assert rules.portal_step("nonsense", kind="LM", status="registered") is None
    assert rules.portal_step(None, kind="LM", status="registered") is None


def test_an_anonymous_complaint_names_no_one() -> None:
    body = rules.report_body(
        {**CONTENT, "anonymous": True},
        portal="lapor",
        external_id="LPR-1",
        substances={},
        received_at=datetime.now(UTC),
    )
    assert body["reporter"] == {"name": "Anonim (LAPOR LPR-1)", "confidential": False}
    assert body["substance"] == "other"
