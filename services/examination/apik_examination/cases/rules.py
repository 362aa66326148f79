"""A case's statuses, tracks and classifications, and the moves between them (pure)."""

from __future__ import annotations

from enum import StrEnum


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


def can_classify(current: CaseStatus) -> bool:
    """Classification changes while the case is examined, not after the conclusion."""
    return current not in (CaseStatus.concluded, CaseStatus.monitoring, CaseStatus.closed)
