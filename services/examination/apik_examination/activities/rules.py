"""What an activity on a case may be, and when its dates make sense (pure)."""

from __future__ import annotations

from datetime import date
from enum import StrEnum


class ActivityKind(StrEnum):
    written_clarification = "written_clarification"  # a letter to the agency
    oral_clarification = "oral_clarification"  # a clarification meeting
    field_investigation = "field_investigation"
    mediation = "mediation"
    conciliation = "conciliation"
    other = "other"


def activity_problems(
    *,
    kind: ActivityKind,
    held_on: date,
    response_due: date | None,
    await_response: bool,
    opened_on: date,
    today: date,
) -> list[tuple[str, str]]:
    """What is wrong with an activity's dates, as (field, message) pairs.

    An activity is recorded once held (a past one from an office's history included),
    so it is not dated in the future.
    """
    problems: list[tuple[str, str]] = []
    if held_on > today:
        problems.append(("held_on", f"Today is {today}; this is in the future."))
    if held_on < opened_on:
        problems.append(("held_on", f"The case opened on {opened_on}; this is before it."))
    if response_due is not None:
        if kind is not ActivityKind.written_clarification:
            problems.append(("response_due", "Only a clarification letter has a response due."))
        elif response_due < max(held_on, opened_on):
            problems.append(("response_due", "The deadline is before the letter or the case."))
    if await_response and kind is not ActivityKind.written_clarification:
        problems.append(("await_response", "Only a clarification letter awaits the agency."))
    return problems
