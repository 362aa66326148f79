"""Whether a unit followed up the Ombudsman's corrective actions and recommendations,
from what examination said about its cases. Pure.

Per case (the events say whether a case had corrective actions, not how many):

- corrective actions (an LHP finding maladministration, with a deadline): followed up
  when the case closed without monitoring having started; not followed up when
  monitoring started (actions still open at the deadline: a late follow-up is not one);
  pending otherwise (the deadline has not run out, or its outcome is not known yet);
- a recommendation: followed up when the implementation report says `implemented`; not
  when it says `partly` or `not_implemented`; pending until a report comes.

Pending ones are counted apart: neither issued-and-followed nor refused, they keep the
suffix undecided for that case only.

The unit's suggestions (*saran perbaikan*) from the office's studies count too: those
to the assessed unit (same office, agency named as the unit, case and spacing aside)
due in the assessment's year. A suggestion is followed up when marked so; not followed
up when marked so, or when its due date has passed (the office's date) with it still
open or in progress; pending while open before or on its due date. The suggestions
hold when none is not followed up: pending ones cannot fail a unit before its date,
and a unit with no suggestion due holds.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class State(StrEnum):
    followed_up = "followed_up"
    not_followed_up = "not_followed_up"
    pending = "pending"


@dataclass(frozen=True)
class CaseFacts:
    registration_number: str
    corrective: bool
    monitoring: bool
    closed: bool
    recommendation: bool
    implementation: str | None


@dataclass(frozen=True)
class CaseVerdict:
    registration_number: str
    corrective: State | None  # None: the case had no corrective actions
    recommendation: State | None  # None: no recommendation


@dataclass(frozen=True)
class Tally:
    issued: int  # corrective actions and recommendations decided either way
    followed_up: int
    pending: int
    cases: list[CaseVerdict]


def corrective_state(facts: CaseFacts) -> State | None:
    if not facts.corrective:
        return None
    if facts.monitoring:
        return State.not_followed_up
    return State.followed_up if facts.closed else State.pending


def recommendation_state(facts: CaseFacts) -> State | None:
    if not facts.recommendation:
        return None
    if facts.implementation is None:
        return State.pending
    return State.followed_up if facts.implementation == "implemented" else State.not_followed_up


def tally(cases: Iterable[CaseFacts]) -> Tally:
    verdicts = [
        CaseVerdict(c.registration_number, corrective_state(c), recommendation_state(c))
        for c in cases
    ]
    states = [s for v in verdicts for s in (v.corrective, v.recommendation) if s is not None]
    return Tally(
        issued=sum(1 for s in states if s is not State.pending),
        followed_up=states.count(State.followed_up),
        pending=states.count(State.pending),
        cases=verdicts,
    )


# --- the unit's suggestions from studies ------------------------------------------------
@dataclass(frozen=True)
class SuggestionFacts:
    due_on: date
    status: str  # studies.rules.SuggestionStatus: open, in_progress, followed_up, …


@dataclass(frozen=True)
class SuggestionTally:
    followed_up: int
    not_followed_up: int  # marked not followed up, or overdue and still open
    pending: int  # still open, due date not passed

    @property
    def holds(self) -> bool:
        """No suggestion left without follow-up (pending ones cannot fail it yet)."""
        return self.not_followed_up == 0


def agency_key(name: str) -> str:
    """An agency's name compared without case or extra spacing: suggestions name their
    agency as free text."""
    return " ".join(name.split()).casefold()


def suggestion_state(facts: SuggestionFacts, today: date) -> State:
    if facts.status == State.followed_up.value:
        return State.followed_up
    if facts.status == State.not_followed_up.value:
        return State.not_followed_up
    # Open or in progress: late once the due date has passed (the due day itself is
    # still the agency's).
    return State.not_followed_up if facts.due_on < today else State.pending


def suggestion_tally(suggestions: Iterable[SuggestionFacts], today: date) -> SuggestionTally:
    states = [suggestion_state(s, today) for s in suggestions]
    return SuggestionTally(
        followed_up=states.count(State.followed_up),
        not_followed_up=states.count(State.not_followed_up),
        pending=states.count(State.pending),
    )
