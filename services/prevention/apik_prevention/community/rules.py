"""The Sahabat Ombudsman community's rules (pure): members' states and moves, what
consent allows to be kept, and alumni's join codes.

**Status**: a member is a `candidate` until inducted (an alumnus who asked to join is
one before they even completed their record), `active` from the induction day, and
`inactive` once they left. Moves: candidate → active (the induction), candidate →
inactive (they did not come), active → inactive, inactive → active (back, already
inducted). Nobody becomes active without a name and an induction date.

**Consent** (UU 27/2022 Pasal 20 ayat (2) huruf a): a member joins by consent, so their
name is kept on that basis; a phone or an email only when the consent's scope includes
`contact`. Its date is never in the future.

**Join code** (alumni): 256 random bits given to the alumnus by the internship service;
only its SHA-256 travels (in `alumnus.joined_community`) and is kept here, and it is
spent when the alumnus completes their record.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import date
from enum import StrEnum

from apik_shared.vocabulary.labels import Label


class MemberStatus(StrEnum):
    candidate = "candidate"
    active = "active"
    inactive = "inactive"


# The words of a member's statuses, said by the problems that name them.
MEMBER_STATUSES: Mapping[str, Label] = {
    MemberStatus.candidate: Label("Calon", "Candidate"),
    MemberStatus.active: Label("Aktif", "Active"),
    MemberStatus.inactive: Label("Tidak aktif", "Inactive"),
}


class Segment(StrEnum):
    """Whom a group gathers (one province's groups: women, students, pupils)."""

    women = "women"
    students = "students"
    pupils = "pupils"
    general = "general"


class Source(StrEnum):
    office = "office"  # recorded by the prevention unit
    alumni = "alumni"  # an intern alumnus who asked to join


class ConsentScope(StrEnum):
    contact = "contact"  # phone and email kept to contact them


MOVES: dict[MemberStatus, frozenset[MemberStatus]] = {
    MemberStatus.candidate: frozenset({MemberStatus.active, MemberStatus.inactive}),
    MemberStatus.active: frozenset({MemberStatus.inactive}),
    MemberStatus.inactive: frozenset({MemberStatus.active}),
}


def can_move(current: MemberStatus, target: MemberStatus) -> bool:
    return target in MOVES[current]


class Step(StrEnum):
    """What the prevention unit may do to a member now, as the screens offer it: each
    move is named for what it means to the office (leaving and declining both end in
    `inactive`, but are different buttons), with the status it asks for in `TARGET`."""

    induct = "induct"  # candidate → active
    decline = "decline"  # candidate → inactive: they did not come to the induction
    leave = "leave"  # active → inactive
    come_back = "return"  # inactive → active
    training = "training"  # record a training the member attended


TARGET: dict[Step, MemberStatus] = {
    Step.induct: MemberStatus.active,
    Step.decline: MemberStatus.inactive,
    Step.leave: MemberStatus.inactive,
    Step.come_back: MemberStatus.active,
}


def can_train(inducted_on: date | None) -> bool:
    """Training is recorded for a member who was inducted: active, or left since; never
    for a candidate, nor for one declined before their induction."""
    return inducted_on is not None


def allowed_steps(
    status: str, *, officer: bool, known: bool, inducted_on: date | None
) -> list[Step]:
    """The steps the routes would accept from this reader now: none outside the
    prevention unit; the moves `MOVES` allows from the member's status (becoming active
    only once their record is complete: an alumnus's name comes with it), and training
    for an inducted member. The induction's day and an alumnus's group travel in the
    request's body, which the routes still check."""
    if not officer:
        return []
    current = MemberStatus(status)
    moves = {
        MemberStatus.candidate: [Step.induct, Step.decline],
        MemberStatus.active: [Step.leave],
        MemberStatus.inactive: [Step.come_back],
    }[current]
    steps = [s for s in moves if known or TARGET[s] is not MemberStatus.active]
    if can_train(inducted_on):
        steps.append(Step.training)
    return steps


def move_problem(
    *,
    current: MemberStatus,
    target: MemberStatus,
    known: bool,
    inducted_on: date | None,
    today: date,
) -> str | None:
    """Why the member cannot move to `target` (None when they can)."""
    if not can_move(current, target):
        return f"A {current} member cannot become {target}."
    if target is MemberStatus.active:
        if not known:
            return "The member has not completed their record (name) yet."
        if inducted_on is None:
            return "Becoming active needs the induction's date."
        if inducted_on > today:
            return "The induction's date is in the future."
    return None


def consent_problem(
    *, has_contact: bool, consent_on: date, scope: set[ConsentScope], today: date
) -> str | None:
    """Why the member's data may not be kept as given (None when it may)."""
    if consent_on > today:
        return "The consent's date is in the future."
    if has_contact and ConsentScope.contact not in scope:
        return "The recorded consent does not cover contact details (scope `contact`)."
    return None


def join_code_hash(code: str) -> str:
    """The code's SHA-256 (hex), as `alumnus.joined_community` carries it."""
    return hashlib.sha256(code.encode()).hexdigest()
