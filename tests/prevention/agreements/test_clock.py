"""The agreements' clock: reminders 90, 60 and 30 days before the end date, recorded
and announced once even with two replicas running the job at the same moment, then
the expiry the day after the end date."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from apik_prevention.jobs import agreements_once
from apik_testing.services import RunningService
from tests.prevention.builders import AGREEMENTS, SIGNED, active_agreement


# 10:00 in Jakarta (UTC+7) on each day named.
def _at(day: str) -> datetime:
    return datetime.fromisoformat(f"{day}T03:00:00").replace(tzinfo=UTC)


async def _reminders(prevention: RunningService, headers: dict[str, str], agreement: str) -> list:
    detail = await prevention.client.get(f"{AGREEMENTS}/{agreement}", headers=headers)
    assert detail.status_code == 200, detail.text
    return [(r["threshold"], r["days_left"], r["announced"]) for r in detail.json()["reminders"]]


async def test_reminders_fire_once_with_two_replicas_then_the_agreement_expires(
    prevention: RunningService, enumerator: dict[str, str]
) -> None:
    settings, database = prevention.app.state.settings, prevention.app.state.database
    # Ends 30 June 2027; a renewed one of the same term is reminded of nothing.
    mou = (await active_agreement(prevention, enumerator, ends_on="2027-06-30"))["id"]
    renewed = await active_agreement(prevention, enumerator, ends_on="2027-06-30")
    follower = await prevention.client.post(
        f"{AGREEMENTS}/{renewed['id']}/renewal",
        json={"starts_on": "2027-07-01", "ends_on": "2030-06-30"},
        headers=enumerator,
    )
    assert follower.status_code == 201, follower.text
    url = f"{AGREEMENTS}/{follower.json()['id']}"
    signed = await prevention.client.put(
        f"{url}/document",
        params={"filename": "mou.pdf"},
        content=SIGNED,
        headers={**enumerator, "If-Match": follower.headers["ETag"]},
    )
    activated = await prevention.client.post(
        f"{url}/activation", headers={**enumerator, "If-Match": signed.headers["ETag"]}
    )
    assert activated.status_code == 200, activated.text

    # 15 April: 30 days to 15 May, 31 to 15 June, 15 to the 30th: 76, within 90. Two
    # replicas at once.
    april = _at("2027-04-15")
    await asyncio.gather(*(agreements_once(database, settings, april) for _ in range(2)))
    assert await agreements_once(database, settings, april) == (0, 0)
    assert await _reminders(prevention, enumerator, mou) == [(90, 76, True)]
    [event] = await prevention.outbox_events("agreement.expiring", subject=mou)
    assert event.data["threshold_days"] == 90 and event.data["days_left"] == 76
    assert event.data["ends_on"] == "2027-06-30" and event.data["kind"] == "mou"
    assert set(event.data) >= {"agreement_id", "office"} and "title" not in event.data

    # 5 June: 25 days left (5 to 30 June): 60 and 30 reached at once; only the
    # tighter one is announced.
    june = _at("2027-06-05")
    await asyncio.gather(*(agreements_once(database, settings, june) for _ in range(2)))
    assert await _reminders(prevention, enumerator, mou) == [
        (90, 76, True),
        (60, 25, False),
        (30, 25, True),
    ]
    events = await prevention.outbox_events("agreement.expiring", subject=mou)
    assert [e.data["threshold_days"] for e in events] == [90, 30]

    # Still in force on its last day; expired the next.
    assert (await agreements_once(database, settings, _at("2027-06-30")))[0] == 0
    expired, _ = await agreements_once(database, settings, _at("2027-07-01"))
    assert expired >= 1
    detail = await prevention.client.get(f"{AGREEMENTS}/{mou}", headers=enumerator)
    assert detail.json()["status"] == "expired"
    assert detail.json()["history"][-1]["step"] == "expired"
    [ended] = await prevention.outbox_events("agreement.ended", subject=mou)
    assert ended.data["status"] == "expired" and ended.data["ended_on"] == "2027-07-01"
    # Its renewal in force, the renewed one needed no reminder.
    assert await _reminders(prevention, enumerator, renewed["id"]) == []
    assert await prevention.outbox_events("agreement.expiring", subject=renewed["id"]) == []
