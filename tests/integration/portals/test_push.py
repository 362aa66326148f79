"""Phase 1, push, against the simulated portal: an office's report reaches the portal
once and keeps the portal's tracking id; its follow-ups go as updates, in order; a
portal outage and redelivered events lose and duplicate nothing; an office not
switched on sends nothing."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import datetime, timedelta, timezone
from typing import Any

import httpx
import pytest

from apik_integration.app import create_app
from apik_integration.portals.service.adapter import OutgoingReport
from apik_integration.portals.service.lapor import LaporAdapter
from apik_integration.settings import PortalSettings, Settings
from apik_testing.infra import TestInfra
from apik_testing.services import RunningService, running, service_settings
from apik_testing.services import test_keyring as keyring
from apik_testing.tokens import TestTokens
from tests.integration.builders import (
    INBOUND,
    PORTAL_SECRET,
    V1,
    event,
    eventually,
    publish,
)
from tests.integration.portal_sim import PortalSim

PUSHING = "PUSH"
WIB = timezone(timedelta(hours=7))


@pytest.fixture(scope="module")
async def portal() -> AsyncIterator[PortalSim]:
    sim = PortalSim()
    await sim.start()
    yield sim
    await sim.stop()


@pytest.fixture(scope="module")
async def pushing(
    infra: TestInfra, tokens: TestTokens, portal: PortalSim
) -> AsyncIterator[RunningService]:
    settings = await service_settings(
        Settings,
        infra,
        "apik_integration",
        pii_keys=keyring(),
        portals={"lapor": {"url": portal.url, "token": portal.token, "push_offices": [PUSHING]}},
        portal_secrets={"lapor": [PORTAL_SECRET]},
        portal_retry_seconds=[0.2] * 10,
        portal_scan_seconds=0.2,
        portal_timeout_seconds=2,
    )
    async with running(create_app(settings), tokens) as service:
        yield service


def report_events(number: str, office: str = PUSHING) -> list:
    registered = event(
        "report.registered",
        office=office,
        report_id=f"rep-{number}",
        registration_number=number,
        kind="LM",
        channel="walk_in",
        registered_at="2026-12-06T02:00:00+00:00",
    )
    verified = event(
        "report.verified",
        office=office,
        report_id=f"rep-{number}",
        registration_number=number,
    )
    closed = event(
        "case.closed",
        office=office,
        report_id=f"rep-{number}",
        registration_number=number,
        outcome="resolved",
    )
    return [registered, verified, closed]


async def link_of(service: RunningService, number: str) -> str | None:
    value = await service.scalar(
        "SELECT external_id FROM portal_link WHERE registration_number = :n", n=number
    )
    return None if value is None else str(value)


async def _equals(value: Any, expected: Any) -> bool:
    return bool(await value == expected)


async def test_a_report_and_its_follow_ups_reach_the_portal_once(
    pushing: RunningService, infra: TestInfra, portal: PortalSim
) -> None:
    number = "0001/PUSH/XII/2026"
    events = report_events(number)
    await publish(infra.nats_url, *events)
    await eventually(
        lambda: (
            len(portal.by_reference(number)) == 1
            and len(portal.by_reference(number)[0].updates) == 2
        ),
        what="the report and its two updates at the portal",
    )
    [complaint] = portal.by_reference(number)
    # The portal's id is kept (once the job's transaction commits).
    await eventually(
        lambda: _equals(link_of(pushing, number), complaint.id), what="the external id"
    )
    assert [u["status"] for u in complaint.updates] == ["verified", "closed"]
    assert complaint.updates[1]["outcome"] == "resolved"
    assert complaint.status == "closed"
    # No personal data or complaint text travels: references and codes only.
    assert set(complaint.body) == {
        "registration_number",
        "office",
        "kind",
        "channel",
        "substance",
        "registered_at",
    }
    # The stream delivers them all again: nothing new at the portal.
    for e in events:
        await publish(infra.nats_url, e, msg_id=f"again-{e.id}")
    await asyncio.sleep(1.0)
    assert len(portal.by_reference(number)) == 1
    assert len(portal.by_reference(number)[0].updates) == 2


async def test_a_portal_outage_loses_and_duplicates_nothing(
    pushing: RunningService, infra: TestInfra, portal: PortalSim
) -> None:
    numbers = [f"00{i}2/PUSH/XII/2026" for i in range(4)]
    portal.down = True
    try:
        for number in numbers:
            await publish(infra.nats_url, *report_events(number))
        await eventually(
            lambda: pushing.scalar(
                "SELECT count(*) = 4 AND min(attempts) >= 2 FROM portal_send "
                "WHERE kind = 'report' AND registration_number = ANY(:n)",
                n=numbers,
            ),
            what="failed tries while the portal is away",
        )
        # Nothing overtook its report: the updates were never tried.
        tried = await pushing.scalar(
            "SELECT count(*) FROM portal_send WHERE kind = 'update' AND attempts > 0 "
            "AND registration_number = ANY(:n)",
            n=numbers,
        )
        assert tried == 0
    finally:
        portal.down = False
    await eventually(
        lambda: all(
            len(portal.by_reference(n)) == 1 and len(portal.by_reference(n)[0].updates) == 2
            for n in numbers
        ),
        what="every report and update after the outage",
    )
    for number in numbers:
        [complaint] = portal.by_reference(number)
        assert [u["status"] for u in complaint.updates] == ["verified", "closed"]
    # Every send recorded as sent, once the job's transaction commits.
    await eventually(
        lambda: pushing.scalar(
            "SELECT count(*) = 0 FROM portal_send WHERE status <> 'sent' "
            "AND registration_number = ANY(:n)",
            n=numbers,
        ),
        what="every send recorded",
    )


async def test_an_office_not_switched_on_sends_nothing(
    pushing: RunningService, infra: TestInfra, portal: PortalSim
) -> None:
    number = "0003/KAB/XII/2026"
    await publish(infra.nats_url, *report_events(number, office="KAB"))
    await asyncio.sleep(1.0)
    assert portal.by_reference(number) == []
    assert (
        await pushing.scalar(
            "SELECT count(*) FROM portal_send WHERE registration_number = :n", n=number
        )
        == 0
    )


async def test_a_send_repeated_after_a_crash_is_not_made_twice(portal: PortalSim) -> None:
    """The portal recognises our send id (its idempotency key): a send that reached it
    but was never recorded here goes again and finds the complaint it made."""
    async with httpx.AsyncClient() as client:
        adapter = LaporAdapter(
            PortalSettings(url=portal.url, token=portal.token), client, timeout=2
        )
        report = OutgoingReport(
            send_id="send-1",
            registration_number="0004/PUSH/XII/2026",
            office=PUSHING,
            payload={"registration_number": "0004/PUSH/XII/2026"},
        )
        first = await adapter.push_report(report)
        again = await adapter.push_report(report)
    assert first == again
    assert len(portal.by_reference("0004/PUSH/XII/2026")) == 1


async def test_a_refused_send_is_listed_and_replayed(
    pushing: RunningService, infra: TestInfra, portal: PortalSim, tokens: TestTokens
) -> None:
    head = tokens.headers("head", office=PUSHING, username="kepala")
    other = tokens.headers("head", office="KAB", username="kepala-kab")
    number = "0005/PUSH/XII/2026"
    portal.token = "kunci-lama"  # the portal rotated our key: it refuses us (401)
    try:
        await publish(infra.nats_url, *report_events(number)[:1])
        await eventually(
            lambda: pushing.scalar(
                "SELECT status = 'failed' FROM portal_send WHERE registration_number = :n",
                n=number,
            ),
            what="the refused send",
        )
    finally:
        portal.token = "kunci-integrasi"
    listed = await pushing.client.get(
        f"{V1}/portals/sends", params={"status": "failed", "portal": "lapor"}, headers=head
    )
    assert listed.status_code == 200, listed.text
    [failed] = [s for s in listed.json()["items"] if s["registration_number"] == number]
    assert failed["kind"] == "report" and failed["last_error"].startswith("HTTP 401")
    theirs = await pushing.client.get(f"{V1}/portals/sends", headers=other)
    assert failed["id"] not in [s["id"] for s in theirs.json()["items"]]
    assert (
        await pushing.client.post(f"{V1}/portals/sends/{failed['id']}/replay", headers=other)
    ).status_code == 404
    replayed = await pushing.client.post(f"{V1}/portals/sends/{failed['id']}/replay", headers=head)
    assert replayed.status_code == 200 and replayed.json()["status"] == "pending"
    await eventually(lambda: len(portal.by_reference(number)) == 1, what="the replayed report")
    await eventually(
        lambda: pushing.scalar(
            "SELECT status = 'sent' FROM portal_send WHERE registration_number = :n", n=number
        ),
        what="the send recorded",
    )
    again = await pushing.client.post(f"{V1}/portals/sends/{failed['id']}/replay", headers=head)
    assert again.status_code == 409


async def test_the_portals_updates_follow_fixmystreets_rules(
    pushing: RunningService, infra: TestInfra, portal: PortalSim
) -> None:
    number = "0006/PUSH/XII/2026"
    await publish(infra.nats_url, *report_events(number)[:1])
    await eventually(lambda: link_of(pushing, number), what="the portal's tracking id")
    tracking = str(await link_of(pushing, number))
    portal.webhook, portal.webhook_secret = (pushing.client, INBOUND), PORTAL_SECRET

    async def portal_says(update_id: str, status: str, hour: int, msg: str | None = None) -> None:
        at = datetime(2026, 12, 6, hour, tzinfo=WIB)
        answer = await portal.change_status(
            tracking, status, update_id=update_id, at=at, message_id=msg
        )
        assert answer.status_code == 202, answer.text

    await portal_says("U-1", "proses", 9)
    await portal_says("U-3", "selesai", 11)
    await portal_says("U-2", "verifikasi", 10)  # late and old: after U-3, happened before
    await portal_says("U-3", "selesai", 11)  # the same update again, a new message
    await portal_says("U-4", "selesai", 12)
    # The same message again is refused at the door (its webhook-id was accepted).
    again = await portal.change_status(
        tracking,
        "selesai",
        update_id="U-4",
        at=datetime(2026, 12, 6, 12, tzinfo=WIB),
        message_id=f"msg_{portal.sent_webhooks:06d}",
    )
    assert again.status_code == 409
    await eventually(
        lambda: pushing.scalar(
            "SELECT count(*) = 0 FROM inbound_update WHERE processed_at IS NULL"
        ),
        what="every webhook applied",
    )
    status = await pushing.scalar(
        "SELECT portal_status FROM portal_link WHERE registration_number = :n", n=number
    )
    assert status == "selesai"  # U-2 did not roll it back
    effects = await pushing.scalar(
        "SELECT string_agg(external_update_id || ':' || effect, ',' ORDER BY external_update_id)"
        " FROM portal_update WHERE registration_number = :n",
        n=number,
    )
    assert effects == "U-1:applied,U-2:older,U-3:applied,U-4:unchanged"
    outcomes = await pushing.scalar(
        "SELECT string_agg(outcome, ',' ORDER BY received_at) FROM inbound_update"
        " WHERE body->'data'->>'tracking_id' = :t",
        t=tracking,
    )
    assert outcomes == "applied,applied,older,duplicate,unchanged"


async def test_the_portals_deadlines_are_listed(
    pushing: RunningService, infra: TestInfra, portal: PortalSim, tokens: TestTokens
) -> None:
    head = tokens.headers("head", office=PUSHING, username="kepala")
    number = "0007/PUSH/XII/2026"
    registered, verified, _ = report_events(number)
    await publish(infra.nats_url, registered)
    await eventually(lambda: link_of(pushing, number), what="the portal's tracking id")
    tracking = str(await link_of(pushing, number))

    async def clocks() -> dict:
        listed = await pushing.client.get(f"{V1}/portals/deadlines", headers=head)
        assert listed.status_code == 200, listed.text
        [mine] = [r for r in listed.json() if r["registration_number"] == number]
        return mine

    pushed = await clocks()
    assert pushed["external_id"] == tracking
    assert pushed["verification"]["clock"] == "running"
    assert pushed["verification"]["due_on"] is not None
    assert pushed["follow_up"]["clock"] == "waiting"
    # The portal verifies (its first update), then the office's follow-up goes out.
    portal.webhook, portal.webhook_secret = (pushing.client, INBOUND), PORTAL_SECRET
    answer = await portal.change_status(
        tracking, "verifikasi", update_id="V-7", at=datetime.now(WIB)
    )
    assert answer.status_code == 202
    await eventually(
        lambda: pushing.scalar(
            "SELECT count(*) = 1 FROM portal_update WHERE registration_number = :n", n=number
        ),
        what="the verification applied",
    )
    await publish(infra.nats_url, verified)
    await eventually(
        lambda: pushing.scalar(
            "SELECT count(*) = 1 FROM portal_send WHERE registration_number = :n"
            " AND kind = 'update' AND status = 'sent'",
            n=number,
        ),
        what="the follow-up sent",
    )
    done = await clocks()
    assert done["verification"]["clock"] == "met"
    assert done["follow_up"]["clock"] == "met"
    assert done["closure"]["clock"] == "running" and done["closure"]["due_on"] is not None
    # Another office sees none of it.
    other = tokens.headers("head", office="KAB", username="kepala-kab")
    theirs = await pushing.client.get(f"{V1}/portals/deadlines", headers=other)
    assert number not in theirs.text


async def test_an_offices_imported_history_is_not_pushed(
    pushing: RunningService, infra: TestInfra, portal: PortalSim
) -> None:
    imported, current = "LAMA/0001/2019", "0009/BKL/XII/2026"
    [old, *_] = report_events(imported)
    old.data["channel"] = "imported"
    [new, *_] = report_events(current)
    await publish(infra.nats_url, old, new)

    async def sends(number: str) -> int:
        return int(
            await pushing.scalar(
                "SELECT count(*) FROM portal_send WHERE registration_number = :n", n=number
            )
        )

    async def seen() -> bool:
        consumed = await pushing.scalar(
            "SELECT count(*) FROM inbox WHERE event_id = :id AND consumer LIKE '%portals'",
            id=old.id,
        )
        return bool(consumed)

    # The imported report was consumed and left alone; the current one is pushed.
    await eventually(seen, what="the imported report's event consumed")
    await eventually(lambda: _equals(sends(current), 1), what="the current report's send")
    assert await sends(imported) == 0
    assert portal.by_reference(imported) == []
