"""Focal points' rules (pure): the activation states and their moves, what consent
allows to be kept, and the counts by regency for the KPIs.

**Status**: a focal point is `invited` when recorded, `active` once they accepted, and
`inactive` when they left the role or the agency (or their validity ended). Moves:
invited → active, invited → inactive (declined), active → inactive, inactive → active
(back in the role). Nothing else; staying in the same state is not a move.

**Consent** (UU 27/2022 Pasal 20 ayat (2) huruf a): the name, role and agency are kept
for the office's public task; a phone number or an email only with a recorded consent
whose scope includes `contact`, and membership of a discussion group only with the
scope `discussion_group`. A consent's date may precede the appointment, never be in
the future.

**Activation** needs the validity to cover the day: `valid_from <= today` and no
`valid_until` before today.

**Counts**: the KPI's "287 focal points in 9 regencies" counts the *active* focal
points and the regencies with at least one active.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from apik_shared.vocabulary.labels import Label


class FocalStatus(StrEnum):
    invited = "invited"
    active = "active"
    inactive = "inactive"


# The words of a focal point's statuses, said by the problems that name them.
STATUSES: Mapping[str, Label] = {
    FocalStatus.invited: Label("Diundang", "Invited"),
    FocalStatus.active: Label("Aktif", "Active"),
    FocalStatus.inactive: Label("Tidak aktif", "Inactive"),
}


class ConsentScope(StrEnum):
    contact = "contact"  # phone and email kept to contact them
    discussion_group = "discussion_group"  # their number shared in the office's groups


class Channel(StrEnum):
    whatsapp = "whatsapp"
    telegram = "telegram"
    email = "email"
    other = "other"


MOVES: dict[FocalStatus, frozenset[FocalStatus]] = {
    FocalStatus.invited: frozenset({FocalStatus.active, FocalStatus.inactive}),
    FocalStatus.active: frozenset({FocalStatus.inactive}),
    FocalStatus.inactive: frozenset({FocalStatus.active}),
}


def can_move(current: FocalStatus, target: FocalStatus) -> bool:
    return target in MOVES[current]


def consent_problem(
    *, has_contact: bool, consent_on: date | None, scope: set[ConsentScope], today: date
) -> str | None:
    """Why the contact details may not be kept (None when they may)."""
    if consent_on is not None and consent_on > today:
        return "The consent's date is in the future."
    if not has_contact:
        return None
    if consent_on is None:
        return "A phone number or an email is kept only with a recorded consent (its date)."
    if ConsentScope.contact not in scope:
        return "The recorded consent does not cover contact details (scope `contact`)."
    return None


def validity_problem(valid_from: date, valid_until: date | None) -> str | None:
    if valid_until is not None and valid_until < valid_from:
        return "The validity ends before it starts."
    return None


def in_validity(valid_from: date, valid_until: date | None, today: date) -> bool:
    return valid_from <= today and (valid_until is None or today <= valid_until)


def may_join_group(scope: set[ConsentScope]) -> bool:
    return ConsentScope.discussion_group in scope


@dataclass(frozen=True)
class RegencyCount:
    regency: str
    active: int
    invited: int
    inactive: int


@dataclass(frozen=True)
class Counts:
    active: int  # the KPI's focal points
    regencies: int  # regencies with at least one active focal point
    by_regency: list[RegencyCount]  # by regency name


def counts(rows: list[tuple[str, FocalStatus]]) -> Counts:
    """Counts of (regency, status) pairs, one per focal point."""
    tally = Counter(rows)
    names = sorted({regency for regency, _ in rows})
    by_regency = [
        RegencyCount(
            regency=name,
            active=tally[(name, FocalStatus.active)],
            invited=tally[(name, FocalStatus.invited)],
            inactive=tally[(name, FocalStatus.inactive)],
        )
        for name in names
    ]
    return Counts(
        active=sum(r.active for r in by_regency),
        regencies=sum(1 for r in by_regency if r.active),
        by_regency=by_regency,
    )
