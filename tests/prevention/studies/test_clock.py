"""The suggestions' clock: reminders 14 days before the due date, the day after and a
month after, recorded once even with two replicas running the job at once; none for
a study not published or a suggestion closed."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from apik_prevention.jobs import suggestions_once
from apik_testing.services import RunningService
from tests.prevention.builders import STUDIES, study_at, suggestion_body


# 10:00 in Jakarta (UTC+7) on each day named.
def _at(day: str) -> datetime:
    return datetime.fromisoformat(f"{day}T03:00:00").replace(tzinfo=UTC)


async def _reminders(
    prevention: RunningService, headers: dict[str, str], study: str, suggestion: str
) -> list[tuple[int, int, bool]]:
    url = f"{STUDIES}/{study}/suggestions/{suggestion}"
    detail = await prevention.client.get(url, headers=headers)
    assert detail.status_code == 200, detail.text
    return [(r["offset_days"], r["days_left"], r["announced"]) for r in detail.json()["reminders"]]


async def test_reminders_before_and_after_the_due_date_fire_once_with_two_replicas(
    prevention: RunningService, enumerator: dict[str, str]
) -> None:
    settings, database = prevention.app.state.settings, prevention.app.state.database
    assert settings.suggestion_reminder_offsets == [-14, 1, 30]
    study = (await study_at(prevention, enumerator, "published"))["id"]
    made = await prevention.client.post(
        f"{STUDIES}/{study}/suggestions",
        json=suggestion_body(due_on="2027-03-31"),
        headers=enumerator,
    )
    assert made.status_code == 201, made.text
    suggestion = made.json()["id"]
    # One in a study still in review is not chased.
    drafting = (await study_at(prevention, enumerator, "review"))["id"]
    quiet = await prevention.client.post(
        f"{STUDIES}/{drafting}/suggestions",
        json=suggestion_body(due_on="2027-03-31"),
        headers=enumerator,
    )
    assert quiet.status_code == 201, quiet.text

    # 16 March: 15 days left, nothing yet.
    assert await suggestions_once(database, settings, _at("2027-03-16")) == 0
    # 17 March: 14 days left, two replicas at once: one reminder.
    march = _at("2027-03-17")
    await asyncio.gather(*(suggestions_once(database, settings, march) for _ in range(2)))
    assert await suggestions_once(database, settings, march) == 0
    assert await _reminders(prevention, enumerator, study, suggestion) == [(-14, 14, True)]

    # 5 May: 35 days overdue; 1 and 30 reached at once, the latest announced.
    may = _at("2027-05-05")
    await asyncio.gather(*(suggestions_once(database, settings, may) for _ in range(2)))
    assert await _reminders(prevention, enumerator, study, suggestion) == [
        (-14, 14, True),
        (1, -35, False),
        (30, -35, True),
    ]
    assert await _reminders(prevention, enumerator, drafting, quiet.json()["id"]) == []
