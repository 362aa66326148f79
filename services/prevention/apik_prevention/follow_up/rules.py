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
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
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
