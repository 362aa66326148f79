"""A case's statuses, tracks and classifications, and the moves between them (pure)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, tzinfo
from enum import StrEnum

from pydantic_core import PydanticCustomError

from apik_shared.vocabulary.field_errors import invalid


class CaseStatus(StrEnum):
    open = "open"  # being examined; the SLA clock runs
    waiting_reporter = "waiting_reporter"  # data asked from the reporter; clock paused
    waiting_agency = "waiting_agency"  # clarification asked from the agency; clock paused
    concluded = "concluded"  # the final report (LHP) is issued
    # Resolusi dan monitoring: the corrective-action deadline after the LHP passed with
    # actions open (entered by the monitoring job; a recommendation may follow).
    monitoring = "monitoring"
    closed = "closed"


class Track(StrEnum):
    regular = "regular"
    rapid_response = "rapid_response"


class Classification(StrEnum):
    sederhana = "sederhana"  # simple
    sedang = "sedang"  # medium
    berat = "berat"  # heavy


# Statuses that stop the examination clock for good: its target is the conclusion.
TERMINAL_STATUSES = frozenset(
    {CaseStatus.concluded.value, CaseStatus.monitoring.value, CaseStatus.closed.value}
)

# Moves an examiner makes by hand; conclusion and closure have their own steps.
_MANUAL_MOVES: dict[CaseStatus, frozenset[CaseStatus]] = {
    CaseStatus.open: frozenset({CaseStatus.waiting_reporter, CaseStatus.waiting_agency}),
    CaseStatus.waiting_reporter: frozenset({CaseStatus.open, CaseStatus.waiting_agency}),
    CaseStatus.waiting_agency: frozenset({CaseStatus.open, CaseStatus.waiting_reporter}),
    CaseStatus.concluded: frozenset(),
    CaseStatus.monitoring: frozenset(),
    CaseStatus.closed: frozenset(),
}


def can_move(current: CaseStatus, target: CaseStatus) -> bool:
    return target in _MANUAL_MOVES[current]


def moment_field(target: CaseStatus) -> str:
    """The body field dating a manual move: back to work resumes the SLA clock, any
    wait pauses it (a move from one wait to the other keeps it paused)."""
    return "resumed_at" if target is CaseStatus.open else "paused_at"


class CaseAction(StrEnum):
    """What a caller may do to a case, one name per write route (the web app offers a
    form or a bulk bar from these, never from a status or role list of its own)."""

    assign = "assign"  # POST /cases/{id}/assignment (one case or many)
    classify = "classify"  # POST /cases/{id}/classification
    move = "move"  # POST /cases/{id}/status: pause (a wait) or resume; see `allowed_moves`
    record_activity = "record_activity"  # POST /cases/{id}/activities
    conclude = "conclude"  # POST /cases/{id}/conclusion: the final report (LHP)
    mark_action_done = "mark_action_done"  # POST /cases/{id}/corrective-actions/{index}
    record_response = "record_response"  # POST /cases/{id}/reporter-responses
    close = "close"  # POST /cases/{id}/closure
    issue_recommendation = "issue_recommendation"  # POST /cases/{id}/recommendation
    record_recommendation_receipt = "record_recommendation_receipt"  # …/recommendation/receipt
    record_recommendation_report = "record_recommendation_report"  # …/recommendation/reports


# The actions a list offers on many cases at once (the board's bulk bar).
BULK_ACTIONS = frozenset({CaseAction.assign})

# A recommendation follows an LHP that found maladministration, while the case is open
# to it: concluded, or in resolution and monitoring (the usual way to it).
OPEN_TO_RECOMMENDATION = frozenset({CaseStatus.concluded, CaseStatus.monitoring})


@dataclass(frozen=True)
class Standing:
    """What the caller is to one case, from their roles and the case's assignment
    (`cases.service.standing`, the same checks the writes' dependencies make)."""

    works: bool  # an examiner on their own or an unassigned case, or a supervisor
    assigns: bool  # a supervisor of the case's office
    closes: bool  # one who works it, or the head of office


@dataclass(frozen=True)
class Report:
    """The case's final report (LHP), as far as the next steps depend on it."""

    open_actions: int  # corrective actions not yet done
    maladministration: bool = False  # its finding: a recommendation may follow
    recommended: bool = False  # the recommendation is issued (one per case)
    received: bool = False  # the agency's receipt of it is recorded (once)


def allowed_actions(
    current: CaseStatus, standing: Standing, report: Report | None
) -> list[CaseAction]:
    """What this caller may do to the case now: the status rules the writes apply
    (`can_classify`, `can_move`, the terminal statuses, the recommendation's steps of
    `followup.service`), for the caller's standing.

    `report` is None before the LHP; a list, which does not read the reports, keeps
    to `BULK_ACTIONS`, which do not depend on it.
    """
    closed = current is CaseStatus.closed
    examined = current.value not in TERMINAL_STATUSES
    works = standing.works
    checks = {
        CaseAction.assign: standing.assigns and examined,
        CaseAction.classify: works and can_classify(current),
        CaseAction.move: works and bool(_MANUAL_MOVES[current]),
        CaseAction.record_activity: works and not closed,
        CaseAction.conclude: works and examined,
        CaseAction.mark_action_done: works
        and not closed
        and report is not None
        and report.open_actions > 0,
        CaseAction.record_response: works and report is not None,
        CaseAction.close: standing.closes and not closed,
        # Once, after an LHP that found maladministration, while concluded or monitored.
        CaseAction.issue_recommendation: works
        and report is not None
        and report.maladministration
        and current in OPEN_TO_RECOMMENDATION
        and not report.recommended,
        # The agency's receipt, once; its reports, any number (a late one too): as the
        # writes, in any status once the recommendation exists.
        CaseAction.record_recommendation_receipt: works
        and report is not None
        and report.recommended
        and not report.received,
        CaseAction.record_recommendation_report: works
        and report is not None
        and report.recommended,
    }
    return [action for action, allowed in checks.items() if allowed]


def allowed_moves(current: CaseStatus, standing: Standing) -> list[CaseStatus]:
    """The statuses this caller may move the case to by hand (`move`), in a fixed order."""
    if not standing.works:
        return []
    return [s for s in CaseStatus if s in _MANUAL_MOVES[current]]


def can_classify(current: CaseStatus) -> bool:
    """Classification changes while the case is examined, not after the conclusion."""
    return current not in (CaseStatus.concluded, CaseStatus.monitoring, CaseStatus.closed)


# Events dated by a day of their own (an activity's `held_on`, a corrective action's
# `done_on`) and recorded in any order after the opening: an office writes up a meeting
# days later. The other steps happen one after the other, so each is checked against them.
# The move to monitoring is the job's, dated when it ran, no step anyone dates: a
# reporter's letter of the 14 days entered after it (or an office's history entered
# while the job turns) is checked against the LHP and the office's steps, not against it.
# A portal's update (`portal/service.py`) is a note dated by the portal, no step either.
UNORDERED_EVENTS = frozenset(
    {"activity", "corrective_action_done", "monitoring_started", "portal_update"}
)


def moment_problem(
    at: datetime, *, now: datetime, previous: datetime
) -> PydanticCustomError | None:
    """What is wrong with the moment a step says it happened, if anything.

    An office moving to APIK enters its past years with their real dates, so a step
    may be dated earlier than now; but never in the future, and never before the step
    that came before it on the same case (the opening at least): the SLA clock and the
    yearly counts read the steps in their dated order.
    """
    if at > now:
        return invalid("datetime_past", "This moment is in the future.")
    if at < previous:
        return invalid(
            "before_previous_step",
            "The case's previous step was at {previous}; this is before it.",
            previous=previous.isoformat(),
        )
    return None


def day_moment(
    *, day: date, today: date, now: datetime, not_before: datetime, zone: tzinfo
) -> datetime:
    """Where work dated by a day (an activity's `held_on`, a corrective action's
    `done_on`) sits in the case's log: now when it is today, else the start of that day
    in the office's zone, never before `not_before` (the opening, the final report).

    Past work (an office's history) must sit in the past of the log, where a letter
    awaiting the agency pauses the SLA clock from its day, not from the day it was typed in.
    """
    if day >= today:
        return now
    return max(not_before, datetime.combine(day, time.min, tzinfo=zone))
