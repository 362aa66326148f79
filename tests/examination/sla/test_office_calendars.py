"""Every date of a case in its office's own zone and calendar, from the office registry.

The known defect: an office registered in WIT (Asia/Jayapura) got WIB deadlines, because
examination took its zones from a per-service setting. Here the offices are created at
run time through the gateway's events, as in production, and the dates follow them.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from apik_examination.settings import Settings
from apik_shared.vocabulary.calendar import OfficeCalendar
from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens
from tests.examination.builders import API, new_case, register_office

WIT, WIB = "Asia/Jayapura", "Asia/Jakarta"
TARGET = 30  # working days: the default policy of an unclassified regular case


def new_code() -> str:
    return "J" + uuid.uuid4().hex[:7].upper()


def expected_due(calendar: OfficeCalendar, opened_at: datetime) -> tuple[date, datetime]:
    """The due date and breach instant of a case opened at `opened_at`, still running."""
    due = calendar.add_working_days(calendar.local_date(opened_at), TARGET)
    return due, datetime.combine(due + timedelta(days=1), time.min, tzinfo=calendar.zone)


def instant(value: str) -> datetime:
    return datetime.fromisoformat(value)


async def detail(service: RunningService, tokens: TestTokens, case: dict) -> dict:
    office = case["office"]
    response = await service.client.get(
        f"{API}/cases/{case['id']}", headers=tokens.headers("examiner", office=office)
    )
    assert response.status_code == 200, response.text
    return response.json()


async def test_a_case_of_an_office_opened_at_run_time_counts_in_wit(infra, examination, tokens):
    """The handoff consumer computes the clock of a new WIT office's case in WIT, with
    the office's own closure day, the first time it hears of the office."""
    code = new_code()
    now_wit = datetime.now(UTC).astimezone(ZoneInfo(WIT)).date()
    plain = OfficeCalendar(timezone=WIT)
    closed = plain.add_working_days(now_wit, 2)  # a working day inside the 30
    await register_office(infra, examination, code, timezone=WIT, closure_days=[closed])
    case = await new_case(infra, examination, tokens, office=code)

    opened_at = instant(case["opened_at"])
    papua = OfficeCalendar(timezone=WIT, closures=frozenset({closed}))
    due, breach = expected_due(papua, opened_at)
    # The handoff consumer wrote the clock (the list shows the cached columns).
    assert instant(case["sla_breach_at"]) == breach
    assert breach.astimezone(UTC).time() == time(15, 0)  # midnight WIT, not 17:00 (WIB)
    # The closure day counts: one working day later than without it.
    assert due == plain.add_working_days(plain.local_date(opened_at), TARGET + 1)
    body = await detail(examination, tokens, case)
    assert body["sla"]["due_on"] == due.isoformat()
    assert instant(body["sla"]["breach_at"]) == breach
    assert expected_due(OfficeCalendar(timezone=WIB), opened_at)[1] != breach


async def test_an_evening_in_utc_is_the_next_day_in_wit(infra, examination, tokens):
    """16:30 UTC on Thursday 3 December 2026 is 23:30 WIB, still Thursday, but 01:30
    WIT, Friday: a WIT office counts its days from the Friday."""
    code = new_code()
    await register_office(infra, examination, code, timezone=WIT)
    evening = datetime(2026, 12, 3, 16, 30, tzinfo=UTC)
    case = await new_case(infra, examination, tokens, office=code, decided_at=evening)
    assert instant(case["opened_at"]) == evening  # the plenary's decision, not the arrival

    papua, jakarta = OfficeCalendar(timezone=WIT), OfficeCalendar(timezone=WIB)
    assert papua.local_date(evening) == date(2026, 12, 4)
    assert jakarta.local_date(evening) == date(2026, 12, 3)
    due, breach = expected_due(papua, evening)
    assert due != expected_due(jakarta, evening)[0]
    body = await detail(examination, tokens, case)
    assert body["sla"]["due_on"] == due.isoformat()
    assert instant(body["sla"]["breach_at"]) == breach


async def test_an_office_update_moves_later_due_dates_without_a_restart(infra, examination, tokens):
    """`office.updated` adding a closure day moves the due date of a case handed over
    after it (and the live clock of the earlier one); another changing the zone moves
    the breach instant to the new zone's midnight."""
    code = new_code()
    await register_office(infra, examination, code, timezone=WIT)
    before = await new_case(infra, examination, tokens, office=code)
    plain = OfficeCalendar(timezone=WIT)
    opened_before = instant(before["opened_at"])
    due_before, breach_before = expected_due(plain, opened_before)
    assert instant(before["sla_breach_at"]) == breach_before

    closed = plain.add_working_days(plain.local_date(opened_before), 3)
    await register_office(infra, examination, code, timezone=WIT, closure_days=[closed], version=2)
    after = await new_case(infra, examination, tokens, office=code)
    closing = OfficeCalendar(timezone=WIT, closures=frozenset({closed}))
    due_after, breach_after = expected_due(closing, instant(after["opened_at"]))
    assert instant(after["sla_breach_at"]) == breach_after
    assert (await detail(examination, tokens, after))["sla"]["due_on"] == due_after.isoformat()
    if plain.local_date(instant(after["opened_at"])) == plain.local_date(opened_before):
        assert due_after == plain.add_working_days(due_before, 1)
    # The earlier case's clock, recomputed live, has the closure day too.
    live = await detail(examination, tokens, before)
    assert live["sla"]["due_on"] == expected_due(closing, opened_before)[0].isoformat()

    await register_office(infra, examination, code, timezone=WIB, closure_days=[closed], version=3)
    moved = await detail(examination, tokens, after)
    jakarta = OfficeCalendar(timezone=WIB, closures=frozenset({closed}))
    assert (
        instant(moved["sla"]["breach_at"]) == expected_due(jakarta, instant(after["opened_at"]))[1]
    )
    assert instant(moved["sla"]["breach_at"]).astimezone(UTC).time() == time(17, 0)


def test_no_setting_holds_the_offices_zones_or_days():
    """The registry is the one source: no per-service map of zones or calendars left."""
    assert not {"office_calendars", "default_timezone"} & set(Settings.model_fields)
    assert not hasattr(Settings, "calendar_for")
