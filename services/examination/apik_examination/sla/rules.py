"""SLA clocks, computed from a case's status history (pure: no FastAPI, no database).

Nothing about a clock is stored as a running counter: the state is recomputed from the
case's transitions, its policy and its office's calendar, so a corrected calendar (a
closure added late) or a new policy version gives the right answer for every case.

How a clock runs:
- It runs from the moment the case opened, in every status except the policy's pause
  statuses (waiting for the reporter or the agency) and the terminal ones.
- Time is counted on the office's local dates, in working days or calendar days: the
  opening stretch from date `s` to date `e` counts the counting days in `(s, e]` (see
  `apik_shared.vocabulary.calendar`), so the day a case opens is not charged, as a
  deadline "N days from" a letter is read. A stretch that resumes after a pause counts
  its resume day too (`[s, e]`): the case was worked that day, and leaving it out would
  hand every pause a free day (issue 17). A day is never counted twice, so pausing and
  resuming on the same day costs nothing.
- The due date is the last day within the target; the clock breaches at the start of
  the next day in the office's time zone (a Friday deadline is missed on Saturday, not
  on Monday). A breach is final: pausing or closing afterwards does not undo it.
- The warning starts on the day the counted days reach `ceil(target * warning_ratio)`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from apik_shared.vocabulary.calendar import OfficeCalendar


class SlaUnit(StrEnum):
    working_days = "working_days"
    calendar_days = "calendar_days"


class SlaState(StrEnum):
    on_track = "on_track"
    warning = "warning"
    breached = "breached"
    paused = "paused"
    met = "met"  # stopped (closed) within the target


class SlaPhase(StrEnum):
    """What a stored case row keeps so lists can filter by state in SQL.

    `running` rows become on_track, warning or breached by comparing now with the stored
    warning and breach instants; the others are final until the next transition.
    """

    running = "running"
    paused = "paused"
    breached = "breached"
    met = "met"


@dataclass(frozen=True)
class PolicyTerms:
    target: int
    unit: SlaUnit
    warning_ratio: float
    pause_statuses: frozenset[str]


@dataclass(frozen=True)
class Transition:
    """The case entered `status` at `at` (the first one is the opening)."""

    at: datetime
    status: str


@dataclass(frozen=True)
class SlaClock:
    state: SlaState
    phase: SlaPhase
    elapsed: int  # counting days used so far (working or calendar, per the policy)
    target: int
    unit: SlaUnit
    due_on: date | None  # the last day within target; None while paused or met
    warn_at: datetime | None
    breach_at: datetime | None  # when a running clock breaches; when it did, if breached

    @property
    def remaining(self) -> int:
        return self.target - self.elapsed


def _count(calendar: OfficeCalendar, unit: SlaUnit, start: date, end: date) -> int:
    if unit is SlaUnit.working_days:
        return calendar.working_days_between(start, end)
    return (end - start).days


def _add(calendar: OfficeCalendar, unit: SlaUnit, start: date, n: int) -> date:
    if unit is SlaUnit.working_days:
        return calendar.add_working_days(start, n)
    return start + timedelta(days=n)


def _start_of(calendar: OfficeCalendar, day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=calendar.zone)


def compute_clock(
    *,
    terms: PolicyTerms,
    calendar: OfficeCalendar,
    transitions: Sequence[Transition],
    terminal_statuses: frozenset[str],
    now: datetime,
) -> SlaClock:
    """The clock of a case at `now`, from its transitions in time order."""
    if not transitions:
        raise ValueError("a case has at least its opening")
    unit, target = terms.unit, terms.target
    warn_days = max(1, math.ceil(target * terms.warning_ratio))
    elapsed = 0
    breached_at: datetime | None = None
    breached_due: date | None = None
    stopped = False
    # The last day already charged; a running stretch counts from the day after it,
    # which is its own start day when it resumes after a pause.
    counted_through = calendar.local_date(transitions[0].at)
    anchor = counted_through  # where the last running stretch counts from (exclusive)
    stretch = 0  # the days the last running stretch counted
    for i, step in enumerate(transitions):
        if step.status in terminal_statuses:
            stopped = True
            break
        if step.status in terms.pause_statuses:
            continue
        start_day = calendar.local_date(step.at)
        anchor = max(counted_through, start_day - timedelta(days=1))
        stretch = 0
        end = transitions[i + 1].at if i + 1 < len(transitions) else now
        if end <= step.at:
            continue
        end_day = calendar.local_date(end)
        if breached_at is None:
            due = _add(calendar, unit, anchor, max(target - elapsed, 0))
            breach = _start_of(calendar, due + timedelta(days=1))
            if end >= breach:
                breached_at, breached_due = max(breach, step.at), due
        stretch = _count(calendar, unit, anchor, end_day)
        elapsed += stretch
        counted_through = max(counted_through, end_day)

    last = transitions[-1]
    running = not stopped and last.status not in terms.pause_statuses
    if breached_at is not None:
        phase, state = SlaPhase.breached, SlaState.breached
    elif stopped:
        phase, state = SlaPhase.met, SlaState.met
    elif not running:
        phase, state = SlaPhase.paused, SlaState.paused
    else:
        phase, state = SlaPhase.running, SlaState.on_track
    due_on, warn_at, breach_at = breached_due, None, None
    if running and breached_at is None:
        # Project the running stretch forward from where it counts from.
        before = elapsed - stretch
        due_on = _add(calendar, unit, anchor, max(target - before, 0))
        breach_at = _start_of(calendar, due_on + timedelta(days=1))
        warn_on = _add(calendar, unit, anchor, max(warn_days - before, 0))
        warn_at = max(_start_of(calendar, warn_on), last.at)
        if now >= warn_at:
            state = SlaState.warning
    return SlaClock(
        state=state,
        phase=phase,
        elapsed=elapsed,
        target=target,
        unit=unit,
        due_on=due_on,
        warn_at=warn_at,
        breach_at=breached_at if breached_at is not None else breach_at,
    )


def state_at(
    phase: SlaPhase, warn_at: datetime | None, breach_at: datetime | None, now: datetime
) -> SlaState:
    """A stored row's state at `now` (the same rule the list filter applies in SQL)."""
    if phase is not SlaPhase.running:
        return SlaState(phase.value)
    if breach_at is not None and now >= breach_at:
        return SlaState.breached
    if warn_at is not None and now >= warn_at:
        return SlaState.warning
    return SlaState.on_track


def days_left(calendar: OfficeCalendar, unit: SlaUnit, breach_at: datetime, now: datetime) -> int:
    """The days (of the policy's unit) a running clock has left at `now`, from its cached
    breach moment: the detail's `target - elapsed`, counted in `(today, due_on]`; negative
    once breached ("lewat 2 hari"). `breach_at` is the start of the day after `due_on`."""
    due_on = calendar.local_date(breach_at) - timedelta(days=1)
    return _count(calendar, unit, calendar.local_date(now), due_on)


@dataclass(frozen=True)
class PolicyVersion:
    id: str
    track: str
    classification: str | None  # None: the track's fallback (unclassified, or any)
    version: int
    effective_from: datetime
    terms: PolicyTerms


def select_policy(
    policies: Sequence[PolicyVersion],
    *,
    track: str,
    classification: str | None,
    opened_at: datetime,
) -> PolicyVersion | None:
    """The policy a case is measured against.

    The exact (track, classification) policy when there is one, otherwise the track's
    fallback. Of its versions, the newest already in force when the case opened: a
    case keeps the deadline it was opened under, and a version made effective
    retroactively (an earlier `effective_from`) reaches the cases opened since. A case
    older than every version takes the first one.
    """
    keys = (classification, None) if classification is not None else (None,)
    for key in keys:
        versions = [p for p in policies if p.track == track and p.classification == key]
        if not versions:
            continue
        in_force = [p for p in versions if p.effective_from <= opened_at]
        if in_force:
            return max(in_force, key=lambda p: p.version)
        return min(versions, key=lambda p: p.version)
    return None


# A step dated this much before it is recorded is history being entered, not a step
# taken now (a request's own latency and a handoff's trip through NATS stay below it).
BACKDATED = timedelta(minutes=5)


def history_mark(at: datetime, recorded: datetime) -> datetime | None:
    """What a case keeps of a step dated `at` and recorded at `recorded`: the recording
    moment when the step lies in the past (an office's history), else None."""
    return recorded if at < recorded - BACKDATED else None


def breach_due(
    *, breach_at: datetime, history_recorded_at: datetime | None, now: datetime, settle: timedelta
) -> bool:
    """Whether the scan publishes a case's breach now.

    A breach of a case whose latest step was taken as it happened is news: at once. One
    already past when a step dated in the past was recorded is an office's history being
    entered (a 2022 case handed over today is years past its due date until its closure,
    dated 2022, is entered a moment later): it waits until the case has been left alone
    for `settle`, so a case closed within its target in its own time is never reported
    as breached, while one that really stayed open is, dated by its own due date.
    """
    if history_recorded_at is None or breach_at >= history_recorded_at:
        return True
    return now >= history_recorded_at + settle
