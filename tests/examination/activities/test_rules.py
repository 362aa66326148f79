"""When an activity's dates and options make sense (pure)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from apik_examination.activities.rules import ActivityKind, activity_moment, activity_problems

OPENED = date(2026, 3, 11)
TODAY = date(2026, 4, 1)
WIT = ZoneInfo("Asia/Jayapura")


def fields(problems: list[tuple[str, str]]) -> list[str]:
    return [field for field, _ in problems]


class TestActivities:
    def test_a_letter_with_a_deadline_after_it_is_fine(self):
        assert not activity_problems(
            kind=ActivityKind.written_clarification,
            held_on=date(2026, 3, 12),
            response_due=date(2026, 3, 26),
            await_response=True,
            opened_on=OPENED,
            today=TODAY,
        )

    def test_dates_before_the_case_opened(self):
        problems = activity_problems(
            kind=ActivityKind.written_clarification,
            held_on=date(2026, 3, 10),
            response_due=date(2026, 3, 10),
            await_response=False,
            opened_on=OPENED,
            today=TODAY,
        )
        assert fields(problems) == ["held_on", "response_due"]

    def test_only_letters_have_deadlines_and_await_answers(self):
        problems = activity_problems(
            kind=ActivityKind.mediation,
            held_on=OPENED,
            response_due=date(2026, 3, 20),
            await_response=True,
            opened_on=OPENED,
            today=TODAY,
        )
        assert fields(problems) == ["response_due", "await_response"]

    def test_an_activity_held_in_the_future_is_refused(self):
        problems = activity_problems(
            kind=ActivityKind.oral_clarification,
            held_on=date(2026, 4, 2),  # TODAY is 1 April
            response_due=None,
            await_response=False,
            opened_on=OPENED,
            today=TODAY,
        )
        assert fields(problems) == ["held_on"]


class TestActivityMoment:
    """Where an activity sits in the case's log (and when a letter's wait starts)."""

    NOW = datetime(2026, 4, 1, 3, 0, tzinfo=UTC)  # 12:00 WIT on TODAY
    OPENED_AT = datetime(2026, 3, 11, 1, 0, tzinfo=UTC)  # 10:00 WIT on OPENED

    def moment(self, held_on: date) -> datetime:
        return activity_moment(
            held_on=held_on, today=TODAY, now=self.NOW, opened_at=self.OPENED_AT, zone=WIT
        )

    def test_held_today_is_now(self):
        assert self.moment(TODAY) == self.NOW

    def test_held_on_a_past_day_is_that_days_midnight_in_the_offices_zone(self):
        # 20 March 00:00 WIT (UTC+9) is 19 March 15:00 UTC.
        assert self.moment(date(2026, 3, 20)) == datetime(2026, 3, 19, 15, 0, tzinfo=UTC)

    def test_held_on_the_opening_day_is_not_before_the_opening(self):
        # Midnight of 11 March WIT is before the 10:00 opening: the opening it is.
        assert self.moment(OPENED) == self.OPENED_AT
