"""What an activity on a case may be, and when its dates make sense (pure)."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic_core import PydanticCustomError

from apik_shared.vocabulary.field_errors import invalid


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
) -> list[tuple[str, PydanticCustomError]]:
    """What is wrong with an activity's dates, as (field, why) pairs.

    An activity is recorded once held (a past one from an office's history included),
    so it is not dated in the future.
    """
    problems: list[tuple[str, PydanticCustomError]] = []
    letter = kind is ActivityKind.written_clarification
    if held_on > today:
        said = "Today is {today}; this is in the future."
        problems.append(("held_on", invalid("in_the_future", said, today=today.isoformat())))
    if held_on < opened_on:
        said = "The case opened on {opened_on}; this is before it."
        opened = opened_on.isoformat()
        problems.append(("held_on", invalid("before_case_opened", said, opened_on=opened)))
    if response_due is not None:
        if not letter:
            said = "Only a clarification letter has a response due."
            problems.append(("response_due", invalid("written_clarification_only", said)))
        elif response_due < max(held_on, opened_on):
            said = "The deadline is before the letter or the case."
            problems.append(("response_due", invalid("deadline_before_letter", said)))
    if await_response and not letter:
        said = "Only a clarification letter awaits the agency."
        problems.append(("await_response", invalid("written_clarification_only", said)))
    return problems
