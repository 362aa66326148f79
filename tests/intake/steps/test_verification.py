"""Formal verification: the checklist, the notice, the 30-day deadline and its job."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import text

from apik_intake.jobs import close_overdue_once
from apik_intake.reports.rules import ReportStatus, event_too_old
from apik_intake.settings import Settings
from apik_intake.steps.rules import checklist_gaps, completion_deadline
from apik_shared.vocabulary.calendar import OfficeCalendar
from apik_testing.services import RunningService
from tests.intake.builders import report_body

REPORTS = "/api/v1/intake/reports"
WIB, WITA, WIT = (
    OfficeCalendar(timezone=zone) for zone in ("Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura")
)
ALL_GOOD: dict[str, bool | None] = {
    "identity": True,
    "chronology": True,
    "prior_complaint": True,
    "within_two_years": True,
}


def test_the_checklist_needs_a_power_of_attorney_only_when_represented():
    assert checklist_gaps(ALL_GOOD, represented=False) == []
    assert checklist_gaps(ALL_GOOD, represented=True) == ["power_of_attorney"]
    assert checklist_gaps({**ALL_GOOD, "prior_complaint": False}, represented=False) == [
        "prior_complaint"
    ]
    assert checklist_gaps({}, represented=False) == [
        "identity",
        "chronology",
        "prior_complaint",
        "within_two_years",
    ]


def test_two_years():
    today = date(2026, 11, 24)
    assert not event_too_old(date(2024, 11, 24), today)
    assert event_too_old(date(2024, 11, 23), today)
    assert not event_too_old(None, today)
    assert not event_too_old(date(2026, 2, 28), date(2028, 2, 29))  # leap day
    assert event_too_old(date(2026, 2, 27), date(2028, 2, 29))


def test_the_deadline_is_the_end_of_the_thirtieth_day_on_the_offices_calendar():
    # 16:00 WIB on 15 January: the 30th day is 14 February, which ends at midnight WIB.
    notified = datetime(2026, 1, 15, 9, 0, tzinfo=UTC)
    assert completion_deadline(notified, 30, WIB) == datetime(
        2026, 2, 15, tzinfo=ZoneInfo("Asia/Jakarta")
    )
    assert completion_deadline(notified, 30, WIB) == datetime(2026, 2, 14, 17, 0, tzinfo=UTC)
    # 23:30 WIB on 31 January is still the 31st in Jakarta: day 30 is 2 March (not a
    # leap year), over at 00:00 WIB on 3 March; 30 x 24 h would have ended at 23:30.
    late_evening = datetime(2026, 1, 31, 23, 30, tzinfo=ZoneInfo("Asia/Jakarta"))
    due = completion_deadline(late_evening, 30, WIB)
    assert due == datetime(2026, 3, 2, 17, 0, tzinfo=UTC)
    assert due.tzinfo is UTC and due - late_evening == timedelta(days=30, minutes=30)
    # The same instant is already 1 February in Makassar and Jayapura (01:30 WIT).
    assert completion_deadline(late_evening, 30, WITA) == datetime(2026, 3, 3, 16, 0, tzinfo=UTC)
    assert completion_deadline(late_evening, 30, WIT) == datetime(2026, 3, 3, 15, 0, tzinfo=UTC)
    assert completion_deadline(late_evening, 30, WIT).astimezone(WIT.zone) == datetime(
        2026, 3, 4, tzinfo=WIT.zone
    )
    # Just after midnight counts on the new day; an office's own number of days counts.
    assert completion_deadline(datetime(2026, 2, 1, 0, 0, tzinfo=WIT.zone), 14, WIT) == datetime(
        2026, 2, 16, tzinfo=WIT.zone
    )
    # Across the end of a leap February.
    assert completion_deadline(datetime(2028, 2, 10, 10, 0, tzinfo=WIB.zone), 30, WIB) == datetime(
        2028, 3, 12, tzinfo=WIB.zone
    )


def test_offices_set_their_own_completion_days_but_not_their_zone():
    settings = Settings(completion_days_by_office={"SLM": 14})
    assert settings.completion_days_for("SLM") == 14
    assert settings.completion_days_for("BKL") == 30
    # The zone is the office registry's (tests/intake/reports/test_office_dates.py).
    for gone in ("office_timezones", "default_timezone", "calendar_for"):
        assert not hasattr(settings, gone)


async def register(intake: RunningService, headers: dict, **overrides: object) -> dict:
    response = await intake.client.post(REPORTS, json=report_body(**overrides), headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def formal(intake: RunningService, report_id: str, headers: dict, body: dict):
    return await intake.client.post(
        f"{REPORTS}/{report_id}/formal-verification", json=body, headers=headers
    )


async def test_a_complete_checklist_verifies_and_a_gap_is_named(intake, officer):
    report = await register(intake, officer)
    gap = await formal(
        intake,
        report["id"],
        officer,
        {"complete": True, "checklist": {**ALL_GOOD, "prior_complaint": False}},
    )
    assert gap.status_code == 422
    [error] = gap.json()["errors"]
    assert error["pointer"] == "#/body/checklist/prior_complaint"
    assert (error["code"], error["params"]) == ("checklist_item_unmet", {"item": "prior_complaint"})
    # The detail is English, as every problem's is (the app words the code).
    assert error["detail"] == (
        "Checklist item prior_complaint is not met, so the report is not complete."
    )
    unchanged = (await intake.client.get(f"{REPORTS}/{report['id']}", headers=officer)).json()
    assert unchanged["status"] == "registered" and unchanged["version"] == 1
    ok = await formal(intake, report["id"], officer, {"complete": True, "checklist": ALL_GOOD})
    assert ok.status_code == 200 and ok.json()["status"] == "formally_verified"


async def test_a_represented_reporter_needs_the_power_of_attorney(intake, officer):
    reporter = {
        **report_body()["reporter"],
        "representative": {"name": "Rina Marlina", "relationship": "advokat"},
    }
    report = await register(intake, officer, reporter=reporter)
    assert report["represented"] is True
    refused = await formal(intake, report["id"], officer, {"complete": True, "checklist": ALL_GOOD})
    assert refused.json()["errors"][0]["pointer"] == "#/body/checklist/power_of_attorney"
    assert refused.json()["errors"][0]["code"] == "power_of_attorney_missing"
    assert refused.json()["errors"][0]["detail"] == (
        "The power of attorney (its number in the reporter's representative) is missing."
    )


async def test_incomplete_notifies_the_reporter_and_sets_the_deadline(intake, officer):
    report = await register(intake, officer)
    before = datetime.now(UTC)
    response = await formal(
        intake,
        report["id"],
        officer,
        {
            "complete": False,
            "checklist": {**ALL_GOOD, "prior_complaint": False},
            "notification": {
                "channel": "whatsapp",
                "message": "Mohon lampirkan bukti pengaduan ke sekolah dalam 30 hari.",
            },
        },
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["status"] == "awaiting_completion"
    due = datetime.fromisoformat(body["completion_due"])
    # The end of the 30th day on the office's calendar (BKL: WIB, the default).
    assert due in {completion_deadline(at, 30, WIB) for at in (before, datetime.now(UTC))}
    assert due.astimezone(WIB.zone).time() == datetime.min.time()
    assert body["timeline"][-1]["details"]["missing"] == ["prior_complaint"]
    notice = await intake.scalar(
        "SELECT channel || ':' || reason || ':' || sent_by FROM notice WHERE report_id = :id",
        id=uuid.UUID(report["id"]),
    )
    assert notice == "whatsapp:formal_incomplete:petugas"
    # Completing it in time clears the deadline.
    done = await formal(intake, report["id"], officer, {"complete": True, "checklist": ALL_GOOD})
    assert done.json()["status"] == "formally_verified" and done.json()["completion_due"] is None


async def test_the_deadline_job_withdraws_each_overdue_report_exactly_once(intake, officer):
    overdue = []
    for _ in range(3):
        report = await register(intake, officer)
        await formal(intake, report["id"], officer, {"complete": False, "missing": ["ktp"]})
        overdue.append(report["id"])
    waiting = await register(intake, officer)
    await formal(intake, waiting["id"], officer, {"complete": False, "missing": ["ktp"]})
    database = intake.app.state.database
    async with database.sessions() as session, session.begin():  # thirty days later
        await session.execute(
            text(
                "UPDATE report SET completion_due = now() - interval '1 minute'"
                " WHERE id = ANY(:ids)"
            ),
            {"ids": [uuid.UUID(i) for i in overdue]},
        )
    # Two runners at once, as two replicas would.
    results = await asyncio.gather(close_overdue_once(database), close_overdue_once(database))
    assert sum(results) == 3
    assert await close_overdue_once(database) == 0
    for report_id in overdue:
        body = (await intake.client.get(f"{REPORTS}/{report_id}", headers=officer)).json()
        assert body["status"] == ReportStatus.withdrawn.value
        assert body["timeline"][-1]["actor"] == "system:intake"
        [closed] = await intake.outbox_events("report.closed", subject=report_id)
        assert closed.data["reason"] == "not_completed_within_deadline"
    still = (await intake.client.get(f"{REPORTS}/{waiting['id']}", headers=officer)).json()
    assert still["status"] == "awaiting_completion"
    assert await intake.outbox_events("report.closed", subject=waiting["id"]) == []


async def test_an_old_event_is_accepted_but_flagged(intake, officer):
    old = (WIB.local_date(datetime.now(UTC)) - timedelta(days=3 * 365)).isoformat()
    report = await register(intake, officer, event_date=old)
    assert report["flags"] == ["event_older_than_two_years"]
    recent = await register(intake, officer)
    assert recent["flags"] == []
