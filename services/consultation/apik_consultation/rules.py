"""The desk's pure rules: the visit's state machine, the service clock, objection terms,
and performance figures (no FastAPI, no database)."""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum


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


class Step(StrEnum):
    assign = "assign"
    pick_up = "pick_up"
    start = "start"
    pause = "pause"
    resume = "resume"
    end = "end"
    rate = "rate"


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


def allowed_steps(status: VisitStatus) -> list[Step]:
    return [step for step, (sources, _) in TRANSITIONS.items() if status in sources]


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


@dataclass(frozen=True)
class ObjectionTerms:
    """Sanggahan: filed within `filing_days` calendar days of the winner announcement,
    answered within `answer_days` of filing. Sanggah banding (construction tenders): filed
    within `appeal_filing_days` of the answer with a guarantee of `appeal_guarantee_percent`
    of the owner's estimate (HPS), answered within `appeal_answer_days`."""

    filing_days: int = 5
    answer_days: int = 3
    appeal_filing_days: int = 5
    appeal_answer_days: int = 14
    appeal_guarantee_percent: int = 1

    def filing_deadline(self, announced_on: date) -> date:
        return announced_on + timedelta(days=self.filing_days)

    def is_late(self, *, announced_on: date, filed_on: date) -> bool:
        return filed_on > self.filing_deadline(announced_on)

    def answer_due(self, filed_on: date) -> date:
        return filed_on + timedelta(days=self.answer_days)

    def appeal_deadline(self, answered_on: date) -> date:
        return answered_on + timedelta(days=self.appeal_filing_days)

    def appeal_answer_due(self, appealed_on: date) -> date:
        return appealed_on + timedelta(days=self.appeal_answer_days)

    def guarantee_suffices(self, *, guarantee: int, estimate: int) -> bool:
        """Whole rupiah, so no rounding: guarantee >= estimate x percent / 100."""
        return guarantee * 100 >= estimate * self.appeal_guarantee_percent


def effective_category(
    requested: Category, *, announced_on: date | None, filed_on: date, terms: ObjectionTerms
) -> Category:
    """A late objection is not refused: the rules accept it as a complaint."""
    if (
        requested is Category.objection
        and announced_on is not None
        and terms.is_late(announced_on=announced_on, filed_on=filed_on)
    ):
        return Category.complaint
    return requested


class AnswerState(StrEnum):
    answered = "answered"
    due = "due"  # the deadline is today or later
    overdue = "overdue"


def answer_state(*, due_on: date, today: date, answered: bool) -> AnswerState:
    if answered:
        return AnswerState.answered
    return AnswerState.due if today <= due_on else AnswerState.overdue


@dataclass(frozen=True)
class Served:
    officer: str
    duration_seconds: int
    rating: int | None


@dataclass(frozen=True)
class Performance:
    officer: str
    visits_served: int
    average_duration_seconds: float
    median_duration_seconds: float
    average_rating: float | None  # None when no visit was rated
    share_rated_4_5: float | None  # of the rated visits


def performance(served: Sequence[Served]) -> list[Performance]:
    """Figures per officer, ordered by officer."""
    by_officer: dict[str, list[Served]] = {}
    for visit in served:
        by_officer.setdefault(visit.officer, []).append(visit)
    result = []
    for officer in sorted(by_officer):
        visits = by_officer[officer]
        durations = [v.duration_seconds for v in visits]
        ratings = [v.rating for v in visits if v.rating is not None]
        result.append(
            Performance(
                officer=officer,
                visits_served=len(visits),
                average_duration_seconds=round(statistics.fmean(durations), 1),
                median_duration_seconds=float(statistics.median(durations)),
                average_rating=round(statistics.fmean(ratings), 2) if ratings else None,
                share_rated_4_5=(
                    round(sum(1 for r in ratings if r >= 4) / len(ratings), 4) if ratings else None
                ),
            )
        )
    return result


class RiskLevel(StrEnum):
    low = "low"
    medium = "medium"
    high = "high"
    extreme = "extreme"


class RiskStatus(StrEnum):
    open = "open"  # identified, no mitigation under way yet
    mitigating = "mitigating"
    accepted = "accepted"  # the office lives with it, reviewed still
    closed = "closed"  # no longer a risk: leaves the heat map and the review list


# The 5x5 matrix's bands by likelihood times impact: a rare catastrophe (1 x 5) is medium,
# anything likely and severe (from 4 x 5 = 20) is extreme.
_BANDS = ((4, RiskLevel.low), (9, RiskLevel.medium), (16, RiskLevel.high))


def risk_level(likelihood: int, impact: int) -> RiskLevel:
    if not (1 <= likelihood <= 5 and 1 <= impact <= 5):
        raise ValueError("likelihood and impact are 1 to 5")
    score = likelihood * impact
    for ceiling, level in _BANDS:
        if score <= ceiling:
            return level
    return RiskLevel.extreme


@dataclass(frozen=True)
class HeatCell:
    likelihood: int
    impact: int
    level: RiskLevel
    count: int


def heat_map(risks: Iterable[tuple[int, int]]) -> list[HeatCell]:
    """All 25 cells, impact 5 to 1 (top row first) and likelihood 1 to 5 in each row, with
    how many of the given (likelihood, impact) pairs fall in each."""
    counts: dict[tuple[int, int], int] = {}
    for pair in risks:
        counts[pair] = counts.get(pair, 0) + 1
    return [
        HeatCell(
            likelihood, impact, risk_level(likelihood, impact), counts.get((likelihood, impact), 0)
        )
        for impact in range(5, 0, -1)
        for likelihood in range(1, 6)
    ]


def review_overdue(*, review_on: date, today: date, status: RiskStatus) -> bool:
    return status is not RiskStatus.closed and review_on < today
