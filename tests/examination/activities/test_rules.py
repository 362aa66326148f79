"""When an activity's dates and options make sense (pure)."""

from __future__ import annotations

from datetime import date

from pydantic_core import PydanticCustomError

from apik_examination.activities.rules import ActivityKind, activity_problems

OPENED = date(2026, 3, 11)
TODAY = date(2026, 4, 1)


def fields(problems: list[tuple[str, PydanticCustomError]]) -> list[str]:
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
