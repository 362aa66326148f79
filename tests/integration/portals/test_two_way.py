"""Phases 2 and 3 end to end, integration and intake on the real stream, against the
simulated portal: a pulled complaint becomes one report on the `portal` channel (NATS
stopped mid-sync loses and duplicates nothing), the portal's status changes reach the
report through the status map by FixMyStreet's rules (an older update never rolls a
status back, one that changes nothing is a note), and APIK's go back to the portal."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from apik_intake.app import create_app as create_intake
from apik_integration.app import create_app as create_integration
from apik_integration.settings import Settings
from apik_testing.infra import TestInfra
from apik_testing.services import RunningService, running, service_settings
from apik_testing.services import test_keyring as keyring
from apik_testing.tokens import TestTokens
from tests.intake.builders import CHECKLIST_SATISFIED, REPORTS, intake_settings
from tests.integration.builders import INBOUND, PORTAL_SECRET, V1, eventually
from tests.integration.portal_sim import Complaint, PortalSim

TWO_WAY = "DUA"
TRANSFER = keyring()


@pytest.fixture(scope="module")
async def portal() -> AsyncIterator[PortalSim]:
    sim = PortalSim()
    await sim.start()
    yield sim
    await sim.stop()


@pytest.fixture(scope="module")
async def intake(
    infra: TestInfra, tokens: TestTokens, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[RunningService]:
    settings = await intake_settings(infra, tmp_path_factory, transfer_keys=TRANSFER)
    async with running(create_intake(settings), tokens) as service:
        yield service


@pytest.fixture(scope="module")
async def integration(
    infra: TestInfra, tokens: TestTokens, portal: PortalSim, intake: RunningService
) -> AsyncIterator[RunningService]:
    settings = await service_settings(
        Settings,
        infra,
        "apik_integration",
        pii_keys=keyring(),
        portals={
            "lapor": {
                "url": portal.url,
                "token": portal.token,
                "pull_offices": [TWO_WAY],
                "two_way_offices": [TWO_WAY],
            }
        },
        portal_secrets={"lapor": [PORTAL_SECRET]},
        transfer_keys=TRANSFER,
        portal_scan_seconds=0.2,
        portal_poll_seconds=0.5,
        portal_retry_seconds=[0.2] * 10,
        portal_timeout_seconds=2,
    )
    async with running(create_integration(settings), tokens) as service:
        portal.webhook, portal.webhook_secret = (service.client, INBOUND), PORTAL_SECRET
        yield service


@pytest.fixture
def officer(tokens: TestTokens) -> dict[str, str]:
    return tokens.headers("intake_officer", office=TWO_WAY, username="petugas")


async def report_of(intake: RunningService, tracking: str) -> str | None:
    """The intake report registered from the portal's complaint, once it is there."""
    value = await intake.scalar(
        "SELECT report_id FROM portal_origin WHERE portal = 'lapor' AND external_id = :t",
        t=tracking,
    )
    return None if value is None else str(value)


async def linked(integration: RunningService, tracking: str) -> bool:
    return bool(
        await integration.scalar(
            "SELECT count(*) = 1 FROM portal_link WHERE external_id = :t AND origin = 'pull'"
            " AND report_id IS NOT NULL",
            t=tracking,
        )
    )


async def pulled_into_intake(
    intake: RunningService, integration: RunningService, complaint: Complaint
) -> str:
    await eventually(lambda: report_of(intake, complaint.id), what="the report in intake")
    await eventually(lambda: linked(integration, complaint.id), what="the two-way link")
    return str(await report_of(intake, complaint.id))


async def test_a_pulled_complaint_becomes_one_report_on_the_portal_channel(
    intake: RunningService,
    integration: RunningService,
    portal: PortalSim,
    officer: dict[str, str],
    tokens: TestTokens,
) -> None:
    before = len(portal.complaints)
    complaint = await portal.assign(TWO_WAY, category="pendidikan")
    report_id = await pulled_into_intake(intake, integration, complaint)
    report = await intake.client.get(f"{REPORTS}/{report_id}", headers=officer)
    assert report.status_code == 200, report.text
    body = report.json()
    assert body["channel"] == "portal" and body["kind"] == "LM"
    assert body["summary"] == "Jalan rusak tidak diperbaiki"
    assert body["substance"] == "education"
    # The complainant is a reporter like any other: sealed at rest, not in the answer.
    assert "Siti" not in report.text
    sealed = await intake.scalar(
        "SELECT identity FROM reporter r JOIN report p ON p.reporter_id = r.id WHERE p.id = :i",
        i=uuid.UUID(report_id),
    )
    assert sealed and "Siti" not in sealed
    [registered] = await intake.outbox_events("report.registered", subject=report_id)
    assert registered.data["portal"] == "lapor"
    assert registered.data["external_id"] == complaint.id
    # Linked for two-way sync, never pushed back to the portal as a new complaint.
    assert len(portal.complaints) == before + 1
    # The head's list of pulled complaints names the report each became.
    head = tokens.headers("head", office=TWO_WAY, username="kepala")
    listed = await integration.client.get(f"{V1}/portals/pulled", headers=head)
    assert listed.status_code == 200, listed.text
    [mine] = [p for p in listed.json()["items"] if p["external_id"] == complaint.id]
    assert mine["report_id"] == report_id
    assert mine["registration_number"] == body["registration_number"]


async def test_nats_stopped_mid_sync_loses_and_duplicates_nothing(
    intake: RunningService,
    integration: RunningService,
    portal: PortalSim,
    infra: TestInfra,
    officer: dict[str, str],
) -> None:
    if infra.nats is None:
        pytest.skip("needs the suite's own NATS server to stop it (APIK_TEST_NATS_URL is set)")
    infra.nats.stop()
    try:
        complaints = [await portal.assign(TWO_WAY) for _ in range(3)]
        # Recorded and announced in integration's outbox while the stream is away.
        await eventually(
            lambda: integration.scalar(
                "SELECT count(*) = 3 FROM pulled_complaint WHERE external_id = ANY(:t)",
                t=[c.id for c in complaints],
            ),
            what="the complaints recorded while NATS is away",
        )
        # The portal moves one before intake has it: the update waits for its report.
        moved = await portal.change_status(
            complaints[0].id,
            "proses",
            update_id="N-1",
            at=datetime.now(UTC) - timedelta(minutes=1),
        )
        assert moved.status_code == 202
        await eventually(
            lambda: integration.scalar(
                "SELECT outcome = 'waiting_for_report' AND processed_at IS NULL"
                " FROM inbound_update WHERE body->'data'->>'update_id' = 'N-1'"
            ),
            what="the update waiting for its report",
        )
    finally:
        infra.nats.start()
    for complaint in complaints:
        await pulled_into_intake(intake, integration, complaint)
    first = str(await report_of(intake, complaints[0].id))

    async def noted() -> bool:
        return await notes(intake, first, officer) == ["N-1:applied"]

    await eventually(noted, what="the waiting update on the report")
    count = await intake.scalar(
        "SELECT count(*) FROM portal_origin o JOIN report r ON r.id = o.report_id"
        " WHERE o.external_id = ANY(:t) AND r.channel = 'portal'",
        t=[c.id for c in complaints],
    )
    assert count == 3


async def timeline(intake: RunningService, report_id: str, officer: dict[str, str]) -> list:
    answer = await intake.client.get(f"{REPORTS}/{report_id}", headers=officer)
    assert answer.status_code == 200, answer.text
    return list(answer.json()["timeline"])


async def notes(intake: RunningService, report_id: str, officer: dict[str, str]) -> list[str]:
    steps = await timeline(intake, report_id, officer)
    return [
        f"{s['details']['update_id']}:{s['details']['effect']}"
        for s in steps
        if s["step"] == "portal_update"
    ]


async def test_the_portals_statuses_reach_the_report_by_fixmystreets_rules(
    intake: RunningService,
    integration: RunningService,
    portal: PortalSim,
    officer: dict[str, str],
) -> None:
    complaint = await portal.assign(TWO_WAY)
    report_id = await pulled_into_intake(intake, integration, complaint)
    base = datetime.now(UTC) - timedelta(hours=6)

    async def portal_says(update_id: str, status: str, hour: int, msg: str | None = None) -> Any:
        answer = await portal.change_status(
            complaint.id,
            status,
            update_id=update_id,
            at=base + timedelta(hours=hour),
            message_id=msg,
        )
        assert answer.status_code == 202, answer.text

    await portal_says("A-1", "proses", 1)
    await portal_says("A-3", "selesai", 3)
    await portal_says("A-2", "verifikasi", 2)  # late and old
    await portal_says("A-3", "selesai", 3)  # the same update, a new message
    await portal_says("A-4", "selesai", 4)  # changes nothing
    await portal_says("A-5", "dicabut", 5)  # the map's withdrawal: not allowed now

    async def five() -> bool:
        return len(await notes(intake, report_id, officer)) >= 5

    await eventually(five, what="every update on the timeline")
    await eventually(
        lambda: integration.scalar(
            "SELECT count(*) = 0 FROM inbound_update WHERE processed_at IS NULL"
        ),
        what="every webhook applied",
    )
    # One note per update (the repeated A-3 is none), each with FixMyStreet's judgement.
    assert sorted(await notes(intake, report_id, officer)) == [
        "A-1:applied",
        "A-2:older",
        "A-3:applied",
        "A-4:unchanged",
        "A-5:applied",
    ]
    steps = await timeline(intake, report_id, officer)
    [withdrawal] = [
        s for s in steps if s["step"] == "portal_update" and s["details"]["update_id"] == "A-5"
    ]
    assert withdrawal["details"]["requested_step"] == "withdraw"
    assert withdrawal["from_status"] == withdrawal["to_status"] == "registered"
    assert {s["to_status"] for s in steps} == {"registered"}
    # The portal's own status, on the link: the older update did not roll it back.
    status = await integration.scalar(
        "SELECT portal_status FROM portal_link WHERE external_id = :t", t=complaint.id
    )
    assert status == "dicabut"
    again = await integration.scalar(
        "SELECT count(*) FROM portal_update WHERE external_update_id = 'A-3'"
    )
    assert again == 1


async def test_a_withdrawal_at_the_portal_moves_the_report_and_goes_back(
    intake: RunningService,
    integration: RunningService,
    portal: PortalSim,
    officer: dict[str, str],
) -> None:
    complaint = await portal.assign(TWO_WAY)
    report_id = await pulled_into_intake(intake, integration, complaint)
    # The office finds the complaint incomplete: it waits for the complainant.
    incomplete = await intake.client.post(
        f"{REPORTS}/{report_id}/formal-verification",
        json={"complete": False, "checklist": {**CHECKLIST_SATISFIED, "identity": False}},
        headers=officer,
    )
    assert incomplete.status_code == 200, incomplete.text
    assert incomplete.json()["status"] == "awaiting_completion"
    answer = await portal.change_status(
        complaint.id, "dicabut", update_id="W-1", at=datetime.now(UTC) - timedelta(minutes=1)
    )
    assert answer.status_code == 202

    async def status() -> str:
        found = await intake.client.get(f"{REPORTS}/{report_id}", headers=officer)
        return str(found.json()["status"])

    await eventually(lambda: _equals(status(), "withdrawn"), what="the report withdrawn")
    [closed] = await intake.outbox_events("report.closed", subject=report_id)
    assert closed.data["reason"] == "withdrawn_at_portal"
    # APIK's status change goes back to the portal as its update (phase 3), once.
    await eventually(
        lambda: [u["status"] for u in complaint.updates] == ["closed"],
        what="the closure at the portal",
    )


async def _equals(value: Any, expected: Any) -> bool:
    return bool(await value == expected)
