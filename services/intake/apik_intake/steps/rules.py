"""The rules of a report's steps (pure): the formal checklist, the completion deadline,
what fails material verification, what a plenary decision needs."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Literal

from apik_intake.reports.rules import Step
from apik_shared.vocabulary.calendar import OfficeCalendar

# The checklist of formal verification; the power of attorney only when represented.
CHECKLIST = ("identity", "chronology", "prior_complaint", "within_two_years", "power_of_attorney")


def checklist_gaps(checklist: dict[str, bool | None], *, represented: bool) -> list[str]:
    """The items not satisfied, in checklist order."""
    gaps = []
    for item in CHECKLIST:
        if item == "power_of_attorney" and not represented:
            continue
        if not checklist.get(item):
            gaps.append(item)
    return gaps


def completion_deadline(notified_at: datetime, days: int, calendar: OfficeCalendar) -> datetime:
    """The reporter has `days` calendar days from the notice (30 by default) to complete.

    The days are the office's: the notice's day is counted on the office's calendar (a
    notice at 23:30 WIB is on that day, whatever the UTC date), and the deadline is the
    end of the `days`-th day after it, i.e. the office's next midnight (returned in UTC).
    The report is overdue from that instant on."""
    last_day = calendar.local_date(notified_at) + timedelta(days=days)
    end = datetime.combine(last_day + timedelta(days=1), time.min, tzinfo=calendar.zone)
    return end.astimezone(UTC)


def material_failures(
    *,
    within_authority: bool,
    already_reported: bool | None,
    in_court: bool | None,
    agency_still_handling: bool | None,
) -> list[str]:
    """Why a report fails material verification (empty: it passes)."""
    failures = [] if within_authority else ["not_within_authority"]
    failures += [
        name
        for name, holds in (
            ("already_reported", already_reported),
            ("in_court", in_court),
            ("agency_still_handling", agency_still_handling),
        )
        if holds
    ]
    return failures


def material_step(failures: list[str], note: str | None) -> tuple[Step, dict[str, object]]:
    """The step material verification takes, and what it records beyond the body."""
    if not failures:
        return Step.material_within_authority, {}
    return Step.material_outside_authority, {
        "failures": failures,
        "reason": note or ", ".join(failures),
    }


PlenaryChoice = Literal["accept", "reject", "rco"]
PLENARY_STEPS: dict[str, Step] = {
    "accept": Step.plenary_accept,
    "reject": Step.plenary_reject,
    "rco": Step.plenary_rco,
}


def plenary_problems(
    decision: PlenaryChoice, *, reason: str | None, examination_unit: str | None
) -> list[tuple[str, str]]:
    """(field, why) for what the decision lacks or must not have."""
    problems = []
    if decision == "reject" and not reason:
        problems.append(("reason", "A rejection needs a reason."))
    if decision == "reject" and examination_unit:
        problems.append(("examination_unit", "A rejected report goes nowhere."))
    return problems


def track_of(step: Step) -> str | None:
    """The examination track a plenary step sends the report on (None: no plenary)."""
    if step is Step.plenary_rco:
        return "rapid_response"
    return "regular" if step is Step.plenary_accept else None
