"""Phase 2, pull, against the simulated portal: a complaint the portal assigns to an
office is recorded once and announced once (`complaint.pulled`, sealed), whether the
portal's webhook, polling or the nightly catch-up finds it, or all three; a portal away,
a crash between the portal's answer and the commit, and a second replica stopped
mid-sync lose and duplicate nothing."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import text

from apik_integration.app import create_app
from apik_integration.jobs import Pusher, pull_times
from apik_integration.portals.service.pull import pull_office
from apik_integration.settings import Settings
from apik_shared.platform.crypto import FieldCipher
from apik_testing.infra import TestInfra
from apik_testing.services import RunningService, running, service_settings
from apik_testing.services import test_keyring as keyring
from apik_testing.tokens import TestTokens
from tests.integration.builders import INBOUND, PORTAL_SECRET, V1, eventually, signed
from tests.integration.portal_sim import PortalSim

PULLING = "PULL"
TRANSFER = keyring()


@pytest.fixture(scope="module")
async def portal() -> AsyncIterator[PortalSim]:
    sim = PortalSim()
    await sim.start()
    yield sim
    await sim.stop()


@pytest.fixture(scope="module")
async def settings(infra: TestInfra, portal: PortalSim) -> Settings:
    return await service_settings(
        Settings,
        infra,
        "apik_integration",
        pii_keys=keyring(),
        portals={
            "lapor": {
                "url": portal.url,
                "token": portal.token,
                "pull_offices": [PULLING],
            }
        },
        portal_secrets={"lapor": [PORTAL_SECRET]},
        transfer_keys=TRANSFER,
        portal_scan_seconds=0.2,
        portal_poll_seconds=0.5,
        # The catch-up whatever the hour the suite runs at.
        portal_catch_up_hour=0,
        portal_timeout_seconds=2,
    )


@pytest.fixture(scope="module")
async def pulling(
    settings: Settings, tokens: TestTokens, portal: PortalSim
) -> AsyncIterator[RunningService]:
    async with running(create_app(settings), tokens) as service:
        portal.webhook, portal.webhook_secret = (service.client, INBOUND), PORTAL_SECRET
        # The first pull is the night's catch-up; the tests start after it.
        await eventually(
            lambda: service.scalar(
                "SELECT caught_up_on IS NOT NULL FROM portal_cursor WHERE office = :o",
                o=PULLING,
            ),
            what="the first catch-up",
        )
        yield service


# Dated before the polls' two-hour window: only its webhook brings such a complaint in
# (the polls run every half second here, and on a loaded machine one could come first).
_BEYOND_POLLS = datetime.now(UTC) - timedelta(hours=5)


async def pulled(service: RunningService, tracking: str) -> list[str]:
    """How each record of the complaint was found (one record, or none)."""
    value = await service.scalar(
        "SELECT coalesce(string_agg(via, ','), '') FROM pulled_complaint WHERE external_id = :t",
        t=tracking,
    )
    return [v for v in str(value).split(",") if v]


async def announced(service: RunningService, tracking: str) -> list[Any]:
    return await service.outbox_events("complaint.pulled", subject=f"lapor:{tracking}")


async def test_a_webhook_pulls_the_complaint_once_and_sealed(
    pulling: RunningService, portal: PortalSim
) -> None:
    complaint = await portal.assign(PULLING, assigned_at=_BEYOND_POLLS, phone="0812-1111-2222")
    await eventually(lambda: _equals(pulled(pulling, complaint.id), ["webhook"]), what="pulled")
    [event] = await announced(pulling, complaint.id)
    assert event.data["office"] == PULLING and event.data["external_id"] == complaint.id
    # Nothing personal in clear on the stream: the complainant travels sealed.
    assert "Siti" not in event.to_json().decode() and "0812" not in event.to_json().decode()
    content = json.loads(
        FieldCipher(TRANSFER).decrypt(
            event.data["sealed"], context=f"portal-complaint:lapor:{complaint.id}"
        )
    )
    assert content["complainant"]["name"] == "Siti Aminah"
    assert content["title"] == "Jalan rusak tidak diperbaiki"
    outcome = await pulling.scalar(
        "SELECT outcome FROM inbound_update WHERE body->'data'->>'tracking_id' = :t",
        t=complaint.id,
    )
    assert outcome == "pulled"


async def test_the_files_a_complaint_lists_travel_sealed_for_intake_to_fetch(
    pulling: RunningService, portal: PortalSim
) -> None:
    photo = portal.add_file("foto.png", b"\x89PNG\r\n\x1a\n")
    complaint = await portal.assign(PULLING, assigned_at=_BEYOND_POLLS, attachments=[photo])
    await eventually(lambda: _equals(pulled(pulling, complaint.id), ["webhook"]), what="pulled")
    [event] = await announced(pulling, complaint.id)
    assert photo["url"] not in event.to_json().decode()
    content = json.loads(
        FieldCipher(TRANSFER).decrypt(
            event.data["sealed"], context=f"portal-complaint:lapor:{complaint.id}"
        )
    )
    assert content["attachments"] == [photo]


async def test_a_webhook_carrying_the_whole_complaint_keeps_only_its_id(
    pulling: RunningService, portal: PortalSim
) -> None:
    complaint = await portal.assign(PULLING, notify=False)
    body = json.dumps(
        {"type": "complaint.assigned", "data": {**complaint.public(), "tracking_id": complaint.id}}
    ).encode()
    answer = await pulling.client.post(INBOUND, content=body, headers=signed(body))
    assert answer.status_code == 202, answer.text
    kept = await pulling.scalar(
        "SELECT body::text FROM inbound_update WHERE body->'data'->>'tracking_id' = :t",
        t=complaint.id,
    )
    assert "Siti" not in kept and "complainant" not in kept
    # Pulled once (by the webhook, or by a poll that came first).
    await eventually(
        lambda: pulling.scalar(
            "SELECT processed_at IS NOT NULL FROM inbound_update"
            " WHERE body->'data'->>'tracking_id' = :t",
            t=complaint.id,
        ),
        what="the webhook applied",
    )
    assert len(await pulled(pulling, complaint.id)) == 1


async def test_polling_pulls_a_complaint_whose_webhook_never_came(
    pulling: RunningService, portal: PortalSim
) -> None:
    complaint = await portal.assign(PULLING, notify=False)
    await eventually(lambda: _equals(pulled(pulling, complaint.id), ["poll"]), what="polled")
    assert len(await announced(pulling, complaint.id)) == 1


async def test_the_nightly_catch_up_finds_what_polling_missed(
    pulling: RunningService, portal: PortalSim
) -> None:
    # The portal dated the assignment five hours back (its indexing lagged): outside the
    # polls' two-hour window, and no webhook came.
    complaint = await portal.assign(
        PULLING, notify=False, assigned_at=datetime.now(UTC) - timedelta(hours=5)
    )
    polls = portal.polls
    await eventually(lambda: portal.polls >= polls + 3, what="three polls")
    assert await pulled(pulling, complaint.id) == []
    # The next office day comes: its catch-up looks back 24 hours.
    await execute(
        pulling,
        "UPDATE portal_cursor SET caught_up_on = caught_up_on - 1 WHERE office = :o",
        o=PULLING,
    )
    await eventually(lambda: _equals(pulled(pulling, complaint.id), ["catch_up"]), what="caught up")


async def test_the_office_sees_its_pull_and_asks_for_a_catch_up(
    pulling: RunningService, portal: PortalSim, tokens: TestTokens
) -> None:
    head = tokens.headers("head", office=PULLING, username="kepala")
    other = tokens.headers("head", office="KAB", username="kepala-kab")
    missed = await portal.assign(
        PULLING, notify=False, assigned_at=datetime.now(UTC) - timedelta(hours=8)
    )
    # The head does not wait for the night: the catch-up runs at the job's next turn.
    asked = await pulling.client.post(f"{V1}/portals/lapor/catch-up", headers=head)
    assert asked.status_code == 200, asked.text
    assert asked.json()["caught_up_on"] is None
    await eventually(lambda: _equals(pulled(pulling, missed.id), ["catch_up"]), what="caught up")
    listed = await pulling.client.get(f"{V1}/portals/pulled", headers=head)
    assert listed.status_code == 200, listed.text
    [mine] = [p for p in listed.json()["items"] if p["external_id"] == missed.id]
    assert mine["via"] == "catch_up" and mine["office"] == PULLING
    assert "complainant" not in listed.text and "Siti" not in listed.text
    state = await pulling.client.get(f"{V1}/portals/pull-state", headers=head)
    [lapor] = state.json()
    assert lapor["portal"] == "lapor" and lapor["polled_at"] and lapor["caught_up_on"]
    # Another office sees none of it, and has no pull to catch up.
    theirs = await pulling.client.get(f"{V1}/portals/pulled", headers=other)
    assert missed.id not in theirs.text
    assert (await pulling.client.get(f"{V1}/portals/pull-state", headers=other)).json() == []
    refused = await pulling.client.post(f"{V1}/portals/lapor/catch-up", headers=other)
    assert refused.status_code == 409
    assert refused.headers["content-type"].startswith("application/problem+json")
    unknown = await pulling.client.post(f"{V1}/portals/nowhere/catch-up", headers=head)
    assert unknown.status_code == 404
    officer = tokens.headers("intake_officer", office=PULLING, username="petugas")
    assert (await pulling.client.get(f"{V1}/portals/pulled", headers=officer)).status_code == 403


async def test_every_way_in_at_once_records_and_announces_one(
    pulling: RunningService, portal: PortalSim
) -> None:
    complaint = await portal.assign(PULLING, message_id="msg_dup_1")
    # The portal sends its webhook again (a new message), and the same message again.
    again = await portal.notify_assigned(complaint.id)
    assert again.status_code == 202
    replayed = await portal.notify_assigned(complaint.id, message_id="msg_dup_1")
    assert replayed.status_code == 409
    await eventually(
        lambda: pulling.scalar(
            "SELECT count(*) = 2 FROM inbound_update WHERE processed_at IS NOT NULL"
            " AND body->'data'->>'tracking_id' = :t",
            t=complaint.id,
        ),
        what="both webhooks applied",
    )
    polls = portal.polls
    await eventually(lambda: portal.polls >= polls + 2, what="polls seeing it again")
    assert len(await pulled(pulling, complaint.id)) == 1
    assert len(await announced(pulling, complaint.id)) == 1
    outcomes = await pulling.scalar(
        "SELECT string_agg(outcome, ',' ORDER BY received_at) FROM inbound_update"
        " WHERE body->'data'->>'tracking_id' = :t",
        t=complaint.id,
    )
    assert outcomes in ("pulled,duplicate", "duplicate,duplicate")


async def test_a_portal_away_loses_nothing(
    pulling: RunningService, portal: PortalSim, tokens: TestTokens
) -> None:
    portal.down = True
    try:
        complaint = await portal.assign(PULLING)  # its webhook comes; the portal is away
        await eventually(
            lambda: pulling.scalar(
                "SELECT outcome = 'portal_unavailable' FROM inbound_update"
                " WHERE body->'data'->>'tracking_id' = :t",
                t=complaint.id,
            ),
            what="the webhook's fetch failing",
        )
        await eventually(
            lambda: pulling.scalar(
                "SELECT last_error = 'HTTP 503' FROM portal_cursor WHERE office = :o", o=PULLING
            ),
            what="a failed poll, visible",
        )
        head = tokens.headers("head", office=PULLING, username="kepala")
        [state] = (await pulling.client.get(f"{V1}/portals/pull-state", headers=head)).json()
        assert state["last_error"] == "HTTP 503" and state["last_error_at"]
        assert await pulled(pulling, complaint.id) == []
    finally:
        portal.down = False
    await eventually(lambda: _equals(pulled(pulling, complaint.id), ["poll"]), what="polled")
    assert len(await announced(pulling, complaint.id)) == 1
    assert await pulling.scalar(
        "SELECT last_error IS NULL FROM portal_cursor WHERE office = :o", o=PULLING
    )


async def test_a_crash_after_the_portal_answered_loses_and_duplicates_nothing(
    pulling: RunningService, portal: PortalSim, settings: Settings
) -> None:
    database = pulling.app.state.database
    pusher = Pusher(settings)
    try:
        async with database.sessions() as session, session.begin():
            # This replica holds the office's cursor: the job's polls skip it.
            await session.execute(
                text("SELECT 1 FROM portal_cursor WHERE office = :o FOR UPDATE"),
                {"o": PULLING},
            )
            complaint = await portal.assign(PULLING, notify=False)
            polls = portal.polls
            new = await pull_office(
                session=session,
                portal="lapor",
                office=PULLING,
                adapter=pusher.adapters()["lapor"],
                transfer=FieldCipher(TRANSFER),
                times=pull_times(settings),
                now=datetime.now(UTC) + timedelta(seconds=1),
            )
            assert new == 1 and portal.polls > polls  # the portal answered
            await session.rollback()  # the process dies before the commit
    finally:
        await pusher.aclose()
    assert await pulled(pulling, complaint.id) == []
    assert await announced(pulling, complaint.id) == []
    await eventually(lambda: _equals(pulled(pulling, complaint.id), ["poll"]), what="polled")
    assert len(await announced(pulling, complaint.id)) == 1


async def test_a_second_replica_stopped_mid_sync_loses_and_duplicates_nothing(
    pulling: RunningService, portal: PortalSim, settings: Settings, tokens: TestTokens
) -> None:
    portal.down = True
    complaints = [await portal.assign(PULLING, notify=False) for _ in range(5)]
    async with running(create_app(settings), tokens):
        portal.down = False  # both replicas poll now; the second stops mid-sync
        polls = portal.polls
        await eventually(lambda: portal.polls >= polls + 2, what="polls of both")
    await eventually(
        lambda: pulling.scalar(
            "SELECT count(*) = 5 FROM pulled_complaint WHERE external_id = ANY(:t)",
            t=[c.id for c in complaints],
        ),
        what="every complaint recorded",
    )
    for complaint in complaints:
        assert len(await pulled(pulling, complaint.id)) == 1
        assert len(await announced(pulling, complaint.id)) == 1


async def _equals(value: Any, expected: Any) -> bool:
    return bool(await value == expected)


async def execute(service: RunningService, sql: str, **params: Any) -> None:
    """One statement in a transaction of its own, committed."""
    async with service.app.state.database.sessions() as session, session.begin():
        await session.execute(text(sql), params)
