"""Intake's side of the portals (integration's phases 2 and 3), fed on the real stream:
a pulled complaint is registered once however often it is announced, sealed at rest, on
the `portal` channel with the portal's id; its contacts our rules refuse do not stop it;
a portal's status change is a note unless the map's step is allowed now."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from pydantic import ValidationError

from apik_intake.app import create_app
from apik_intake.portals import rules
from apik_intake.reports.schemas import ReportCreate
from apik_shared.platform.events.payloads.integration import PortalStatusChanged
from apik_testing.infra import TestInfra
from apik_testing.polling import eventually
from apik_testing.services import RunningService, running
from apik_testing.services import test_keyring as new_keyring
from apik_testing.tokens import TestTokens
from tests.intake.builders import (
    CONTENT,
    PORTAL_OFFICE,
    REPORTS,
    announce,
    intake_settings,
    pulled,
    report_of,
)

OFFICE = PORTAL_OFFICE  # the office `pulled` complaints are assigned to


@pytest.fixture(scope="module")
async def intake(
    infra: TestInfra, tokens: TestTokens, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[RunningService]:
    """Intake holding the keyring it shares with integration (without it, no consumer
    of pulled complaints)."""
    settings = await intake_settings(infra, tmp_path_factory, transfer_keys=new_keyring())
    async with running(create_app(settings), tokens) as service:
        yield service


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
