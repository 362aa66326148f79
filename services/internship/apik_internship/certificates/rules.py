"""When an internship is complete (pure).

Three rules, each a setting (`APIK_COMPLETION_*`), over the internship's recap:

- **attendance**: days present (attended, or away on approved leave or sick days) are at
  least `attendance_percent` of the period's working days (by the office's calendar:
  weekends, national holidays, *cuti bersama* and closures are not working days);
- **logbook**: approved daily entries are at least `logbook_percent` of those days;
- **evaluation**: the supervisors' final evaluation is at least `min_score` (0 to 100).

Each is compared exactly, in whole numbers (`present * 100 >= percent * working days`):
80 % of 61 days asks 48.8, so 49 days pass and 48 do not; exactly on the threshold
passes. A period with no working day asks nothing of attendance or the logbook.
And the period must be over: no certificate before its last day (in the office's zone).

**The recap is counted, not stated** (`counted`): over the period's working days, a day
is present when the intern checked in (attendance) or recorded leave or sick leave on it,
and a logbook entry counts when the supervisor approved it. A record on a day that is
not a working day of the period (a holiday, outside the period) counts for nothing.

**Before the intern's records began.** The records begin on the first day the intern has
any attendance, absence or logbook row (none at all: they never began). For the working
days before that (an internship started on paper), and only for those, the supervisor
may state the days present and approved entries, with a reason; the stated numbers may
not exceed those days, and the certificate keeps them and the reason apart from the
counted ones. The evaluation is the mean of the supervisors' rubric evaluations
(`evaluations.rules.final_score`) unless the request states it. The certificate keeps
the recap it was issued on.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from pydantic_core import PydanticCustomError

from apik_shared.vocabulary.calendar import OfficeCalendar
from apik_shared.vocabulary.field_errors import invalid

CERTIFICATE_PREFIX = "SRT"


@dataclass(frozen=True)
class Thresholds:
    attendance_percent: int
    logbook_percent: int
    min_score: int


@dataclass(frozen=True)
class Recap:
    working_days: int
    days_present: int
    logbook_approved: int
    evaluation_score: int


@dataclass(frozen=True)
class Counted:
    """The period counted from the intern's own records (see the module's docstring)."""

    working_days: int  # of the whole period
    days_present: int  # working days attended or excused, from the records
    logbook_approved: int  # working days with an approved entry, from the records
    records_began: date | None  # the first day of any record (None: no record at all)
    days_before_records: int  # the period's working days before `records_began`


def _working_days(calendar: OfficeCalendar, start: date, end: date) -> list[date]:
    out: list[date] = []
    current = start
    while current <= end:
        if calendar.is_working_day(current):
            out.append(current)
        current += timedelta(days=1)
    return out


def counted(
    calendar: OfficeCalendar,
    period: tuple[date, date],
    *,
    attended: Iterable[date],
    excused: Iterable[date],
    logbook: Iterable[date],
    approved: Iterable[date],
) -> Counted:
    """Counts the period from the intern's rows: the days they checked in on, the days
    of leave or sick leave, the days of every logbook entry (any status: a record) and
    of the approved ones."""
    attended, excused, logbook, approved = (
        set(attended),
        set(excused),
        set(logbook),
        set(approved),
    )
    working = _working_days(calendar, *period)
    records = attended | excused | logbook
    began = min(records) if records else None
    return Counted(
        working_days=len(working),
        days_present=sum(1 for d in working if d in attended or d in excused),
        logbook_approved=sum(1 for d in working if d in approved),
        records_began=began,
        days_before_records=sum(1 for d in working if began is None or d < began),
    )


@dataclass(frozen=True)
class Unmet:
    """A rule not met: which, the request's field, and what it asks against what there
    is (`invalid(code, …)`: the field's error the problem names)."""

    rule: str
    field: str
    why: PydanticCustomError


def _share_met(count: int, total: int, percent: int) -> bool:
    return total == 0 or count * 100 >= percent * total


def unmet(recap: Recap, thresholds: Thresholds, *, today: date, period_end: date) -> list[Unmet]:
    """The rules of completion the internship does not meet (empty: it is complete)."""
    out: list[Unmet] = []
    days = recap.working_days
    if today < period_end:
        ends = invalid(
            "period_not_ended",
            "period: needs from {period_end}, has today {today}",
            period_end=period_end.isoformat(),
            today=today.isoformat(),
        )
        out.append(Unmet("period", "period_end", ends))
    if not _share_met(recap.days_present, days, thresholds.attendance_percent):
        absent = invalid(
            "attendance_too_low",
            "attendance: needs {percent}% of {working_days} working days, has {present} days",
            percent=thresholds.attendance_percent,
            working_days=days,
            present=recap.days_present,
        )
        out.append(Unmet("attendance", "days_present", absent))
    if not _share_met(recap.logbook_approved, days, thresholds.logbook_percent):
        unwritten = invalid(
            "logbook_too_few",
            "logbook: needs {percent}% of {working_days} working days,"
            " has {approved} approved entries",
            percent=thresholds.logbook_percent,
            working_days=days,
            approved=recap.logbook_approved,
        )
        out.append(Unmet("logbook", "logbook_approved", unwritten))
    if recap.evaluation_score < thresholds.min_score:
        low = invalid(
            "evaluation_too_low",
            "evaluation: needs at least {min_score}, has {score}",
            min_score=thresholds.min_score,
            score=recap.evaluation_score,
        )
        out.append(Unmet("evaluation", "evaluation_score", low))
    return out


def percent(count: int, total: int) -> float:
    """A share for display, one decimal (100 when nothing was asked)."""
    return 100.0 if total == 0 else round(count * 100 / total, 1)
