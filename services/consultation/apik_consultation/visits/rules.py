"""A visit's pure rules: its categories, its state machine and the service clock (no
FastAPI, no database)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from enum import StrEnum

from apik_shared.vocabulary.labels import Label


class Category(StrEnum):
    consultation = "consultation"
    complaint = "complaint"
    objection = "objection"  # sanggahan against a tender's winner announcement


class VisitStatus(StrEnum):
    waiting = "waiting"  # checked in, in the queue
    assigned = "assigned"  # an officer will serve it
    in_service = "in_service"  # the clock runs
    paused = "paused"  # service interrupted; the clock stops
    ended = "ended"  # outcome recorded, waiting for the visitor's rating
    completed = "completed"  # rated and signed


# The words of a visit's statuses, said by the problems that name them.
STATUSES: Mapping[str, Label] = {
    VisitStatus.waiting: Label("Menunggu", "Waiting"),
    VisitStatus.assigned: Label("Dipanggil", "Called"),
    VisitStatus.in_service: Label("Sedang dilayani", "Being served"),
    VisitStatus.paused: Label("Dijeda", "Paused"),
    VisitStatus.ended: Label("Selesai, menunggu penilaian", "Ended, awaiting rating"),
    VisitStatus.completed: Label("Selesai dan dinilai", "Ended and rated"),
}


class Step(StrEnum):
    assign = "assign"
    pick_up = "pick_up"
    start = "start"
    pause = "pause"
    resume = "resume"
    end = "end"
    rate = "rate"


# The words of a visit's steps, said by the problems that name them.
STEPS: Mapping[str, Label] = {
    Step.assign: Label("Tugaskan", "Assign"),
    Step.pick_up: Label("Ambil", "Pick up"),
    Step.start: Label("Mulai layanan", "Start the service"),
    Step.pause: Label("Jeda", "Pause"),
    Step.resume: Label("Lanjutkan", "Resume"),
    Step.end: Label("Akhiri layanan", "End the service"),
    Step.rate: Label("Beri penilaian", "Rate"),
}


S = VisitStatus
TRANSITIONS: dict[Step, tuple[frozenset[VisitStatus], VisitStatus]] = {
    # A supervisor may hand an assigned visit to someone else before service starts.
    Step.assign: (frozenset({S.waiting, S.assigned}), S.assigned),
    Step.pick_up: (frozenset({S.waiting}), S.assigned),
    Step.start: (frozenset({S.waiting, S.assigned}), S.in_service),
    Step.pause: (frozenset({S.in_service}), S.paused),
    Step.resume: (frozenset({S.paused}), S.in_service),
    Step.end: (frozenset({S.in_service, S.paused}), S.ended),
    Step.rate: (frozenset({S.ended}), S.completed),
}
QUEUED = frozenset({S.waiting, S.assigned, S.in_service, S.paused})


class StepNotAllowed(Exception):
    def __init__(self, step: Step, status: VisitStatus) -> None:
        super().__init__(f"{step.value} is not allowed when the visit is {status.value}")
        self.step, self.status = step, status


def next_status(status: VisitStatus, step: Step) -> VisitStatus:
    allowed_from, target = TRANSITIONS[step]
    if status not in allowed_from:
        raise StepNotAllowed(step, status)
    return target


# Who takes each step, as the routes' role types have it (`deps.py`): assigning is the
# desk supervisor's, picking a visitor up the desk officer's own, the rest anyone's at
# the desk. A head or an analyst reads visits and takes none.
DESK_ROLES = frozenset({"desk_officer", "desk_supervisor"})
TAKERS: dict[Step, frozenset[str]] = {
    Step.assign: frozenset({"desk_supervisor"}),
    Step.pick_up: frozenset({"desk_officer"}),
    Step.start: DESK_ROLES,
    Step.pause: DESK_ROLES,
    Step.resume: DESK_ROLES,
    Step.end: DESK_ROLES,
    Step.rate: DESK_ROLES,
}


def allowed_steps(status: VisitStatus, roles: Iterable[str]) -> list[Step]:
    """The steps the routes would accept now from a reader holding `roles`: those the
    state machine allows from `status` that one of the reader's roles takes."""
    held = set(roles)
    return [
        step
        for step, (sources, _) in TRANSITIONS.items()
        if status in sources and held & TAKERS[step]
    ]


# The clock: the server's own timestamps of start, pause, resume and end.
_RUNS = frozenset({Step.start, Step.resume})
_STOPS = frozenset({Step.pause, Step.end})


def service_seconds(marks: Iterable[tuple[Step, datetime]], now: datetime) -> int:
    """Seconds the service ran: from each start/resume to the next pause/end, and a run
    still open counts until `now`. Other steps are ignored, so the whole timeline may be
    passed; a stop without a run before it (or a run while running) changes nothing."""
    total = timedelta()
    running_since: datetime | None = None
    for step, at in sorted(marks, key=lambda mark: mark[1]):
        if step in _RUNS and running_since is None:
            running_since = at
        elif step in _STOPS and running_since is not None:
            total += max(at - running_since, timedelta())
            running_since = None
    if running_since is not None:
        total += max(now - running_since, timedelta())
    return int(total.total_seconds())


def clock(
    *,
    status: VisitStatus,
    fixed_seconds: int | None,
    marks: Iterable[tuple[Step, datetime]],
    now: datetime,
) -> tuple[int, bool]:
    """(seconds of service so far, whether the clock runs): an ended service keeps the
    duration fixed when it ended."""
    if fixed_seconds is not None:
        return fixed_seconds, False
    return service_seconds(marks, now), status == VisitStatus.in_service
