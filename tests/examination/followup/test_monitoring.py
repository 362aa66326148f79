"""The move to resolution and monitoring (issue 17): a real status entered by the job
when the corrective-action deadline after the LHP has passed with actions open; on real
PostgreSQL and NATS, with two replicas side by side."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, time

from apik_examination.app import create_app
from apik_examination.jobs import monitoring_once
from apik_shared.platform.offices import office_calendar
from apik_shared.vocabulary.calendar import OfficeCalendar
from apik_testing.services import RunningService, running
from apik_testing.tokens import TestTokens
from tests.examination.builders import API, concluded_case, replica_database

LONG_AGO = date(2026, 1, 5)  # a Monday, a working day: a deadline long passed


async def bkl_calendar(service: RunningService) -> OfficeCalendar:
    async with service.app.state.database.sessions() as session:
        return await office_calendar(session, "BKL")


def lhp_due_on(calendar: OfficeCalendar, due_on: date, working_days: int) -> datetime:
    """10:00 in the office's zone on the day of an LHP whose corrective-action deadline
    (`working_days` working days counted from the LHP's day) is `due_on`, a working day:
    counting the same working days back from the deadline lands on that day."""
    day = calendar.add_working_days(due_on, -working_days)
    assert calendar.add_working_days(day, working_days) == due_on
    return datetime.combine(day, time(10), tzinfo=calendar.zone)


async def test_two_replicas_move_a_case_once(infra, examination, tokens: TestTokens):
    examiner = tokens.headers("examiner")
    calendar = await bkl_calendar(examination)
    days = examination.app.state.settings.corrective_action_working_days
    long_ago = lhp_due_on(calendar, LONG_AGO, days)
    late = await concluded_case(
        infra, examination, tokens, "Terbitkan sertifikat", "Tegur", concluded_at=long_ago
    )
    done = await concluded_case(
        infra, examination, tokens, "Terbitkan sertifikat", concluded_at=long_ago
    )
    # Due today: not passed yet (the agency has the whole day). The deadline is always a
    # working day (the 30th after the LHP's day), so on a weekend or a holiday the
    # nearest one not passed is the next working day: the LHP is then 30 working days
    # before that day, and the case must stay concluded all the same.
    today = calendar.local_date(datetime.now(UTC))
    due_today = calendar.next_working_day(today, include_today=True)
    in_time = await concluded_case(
        infra,
        examination,
        tokens,
        "Terbitkan sertifikat",
        concluded_at=lhp_due_on(calendar, due_today, days),
    )
    assert in_time["conclusion"]["corrective_due_on"] == str(due_today)
    assert late["conclusion"]["corrective_due_on"] == str(LONG_AGO)
    first = await examination.client.post(
        f"{API}/cases/{late['id']}/corrective-actions/0",
        json={"done_on": str(today)},
        headers=examiner,
    )
    assert first.status_code == 200, first.text
    await examination.client.post(
        f"{API}/cases/{done['id']}/corrective-actions/0",
        json={"done_on": str(today)},
        headers=examiner,
    )
    replicas = [replica_database(examination) for _ in range(2)]
    try:
        # Batches of one: the two replicas interleave case by case, twice over.
        for _ in range(2):
            await asyncio.gather(*(monitoring_once(db, batch=1) for db in replicas))
    finally:
        for db in replicas:
            await db.dispose()
    [event] = await examination.outbox_events("case.monitoring_started", subject=late["id"])
    assert event.data["office"] == "BKL" and event.data["open_actions"] == 1
    assert event.data["corrective_due_on"] == str(LONG_AGO)
    for other in (done, in_time):
        assert await examination.outbox_events("case.monitoring_started", subject=other["id"]) == []
    detail = (await examination.client.get(f"{API}/cases/{late['id']}", headers=examiner)).json()
    assert detail["status"] == "monitoring" and detail["conclusion"]["monitoring"] is True
    assert detail["sla"]["state"] == "met"  # the examination clock stopped at the LHP
    assert detail["version"] == first.json()["version"] + 1
    timeline = (
        await examination.client.get(f"{API}/cases/{late['id']}/timeline", headers=examiner)
    ).json()
    moves = [e for e in timeline if e["type"] == "monitoring_started"]
    assert len(moves) == 1 and moves[0]["data"]["open"] == [1]
    listed = await examination.client.get(
        f"{API}/cases", params={"status": "monitoring", "limit": 200}, headers=examiner
    )
    assert late["id"] in {c["id"] for c in listed.json()["items"]}
    for case in (done, in_time):
        still = (await examination.client.get(f"{API}/cases/{case['id']}", headers=examiner)).json()
        assert still["status"] == "concluded", case["id"]


async def test_a_case_in_monitoring_still_closes(infra, examination, tokens: TestTokens):
    """Monitoring ends with the closure; the undone action still needs the head."""
    days = examination.app.state.settings.corrective_action_working_days
    case = await concluded_case(
        infra,
        examination,
        tokens,
        "Terbitkan sertifikat",
        concluded_at=lhp_due_on(await bkl_calendar(examination), LONG_AGO, days),
    )
    await monitoring_once(examination.app.state.database)
    url = f"{API}/cases/{case['id']}"
    head = tokens.headers("head")
    assert (await examination.client.get(url, headers=head)).json()["status"] == "monitoring"
    again = await examination.client.post(
        f"{url}/conclusion",
        json={"finding": "no_maladministration", "summary": "Lagi"},
        headers=tokens.headers("examiner"),
    )
    assert again.status_code == 409
    refused = await examination.client.post(
        f"{url}/closure",
        json={"outcome": "resolved_by_agency", "route": "written_clarification"},
        headers=head,
    )
    assert refused.status_code == 409
    closed = await examination.client.post(
        f"{url}/closure",
        json={
            "outcome": "resolved_by_agency",
            "route": "written_clarification",
            "head_decision_reason": "Instansi menyelesaikan lewat jalur lain",
        },
        headers=head,
    )
    assert closed.status_code == 200, closed.text
    assert closed.json()["status"] == "closed"


async def test_two_running_apps_move_a_case_once(infra, examination, tokens: TestTokens):
    """The job as the apps start it (`jobs.monitoring_scan`), two replicas side by side,
    each turning every 50 ms: the case moves once, with one event."""
    days = examination.app.state.settings.corrective_action_working_days
    case = await concluded_case(
        infra,
        examination,
        tokens,
        "Terbitkan sertifikat",
        concluded_at=lhp_due_on(await bkl_calendar(examination), LONG_AGO, days),
    )
    fast = examination.app.state.settings.model_copy(update={"monitoring_scan_seconds": 0.05})
    url = f"{API}/cases/{case['id']}"
    head = tokens.headers("head")
    async with running(create_app(fast), tokens), running(create_app(fast), tokens):
        for _ in range(200):
            if (await examination.client.get(url, headers=head)).json()["status"] == "monitoring":
                break
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.3)  # several more turns of both replicas
    assert (await examination.client.get(url, headers=head)).json()["status"] == "monitoring"
    assert len(await examination.outbox_events("case.monitoring_started", subject=case["id"])) == 1
    timeline = (await examination.client.get(f"{url}/timeline", headers=head)).json()
    assert [e["type"] for e in timeline].count("monitoring_started") == 1
