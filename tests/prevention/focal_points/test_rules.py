"""Focal points' rules, worked by hand."""

from __future__ import annotations

from datetime import date

import pytest

from apik_prevention.focal_points.rules import (
    ConsentScope,
    FocalStatus,
    RegencyCount,
    can_move,
    consent_problem,
    counts,
    in_validity,
    may_join_group,
    validity_problem,
)

INVITED, ACTIVE, INACTIVE = FocalStatus.invited, FocalStatus.active, FocalStatus.inactive
TODAY = date(2025, 6, 10)


@pytest.mark.parametrize(
    ("current", "target", "allowed"),
    [
        (INVITED, ACTIVE, True),
        (INVITED, INACTIVE, True),  # declined
        (ACTIVE, INACTIVE, True),
        (INACTIVE, ACTIVE, True),  # back in the role
        (ACTIVE, INVITED, False),
        (INACTIVE, INVITED, False),
        (ACTIVE, ACTIVE, False),  # staying is not a move
        (INVITED, INVITED, False),
    ],
)
def test_moves(current: FocalStatus, target: FocalStatus, allowed: bool) -> None:
    assert can_move(current, target) is allowed


def test_contact_details_need_a_consent_covering_them() -> None:
    contact = {ConsentScope.contact}
    # No contact details: nothing to consent to.
    assert consent_problem(has_contact=False, consent_on=None, scope=set(), today=TODAY) is None
    # A phone without a consent, or with one for groups only: refused.
    assert consent_problem(has_contact=True, consent_on=None, scope=set(), today=TODAY)
    groups_only = {ConsentScope.discussion_group}
    assert consent_problem(has_contact=True, consent_on=TODAY, scope=groups_only, today=TODAY)
    # Given today, or long before: fine. Tomorrow: not yet given.
    assert consent_problem(has_contact=True, consent_on=TODAY, scope=contact, today=TODAY) is None
    earlier = date(2023, 1, 2)
    assert consent_problem(has_contact=True, consent_on=earlier, scope=contact, today=TODAY) is None
    tomorrow = date(2025, 6, 11)
    assert consent_problem(has_contact=True, consent_on=tomorrow, scope=contact, today=TODAY)
    assert consent_problem(has_contact=False, consent_on=tomorrow, scope=contact, today=TODAY)


def test_validity() -> None:
    assert validity_problem(date(2025, 1, 1), None) is None
    assert validity_problem(date(2025, 1, 1), date(2025, 1, 1)) is None  # one day
    assert validity_problem(date(2025, 1, 2), date(2025, 1, 1))
    # Both ends are days of validity.
    assert in_validity(date(2025, 6, 10), date(2025, 6, 10), TODAY)
    assert in_validity(date(2024, 1, 1), None, TODAY)
    assert not in_validity(date(2025, 6, 11), None, TODAY)  # not started
    assert not in_validity(date(2024, 1, 1), date(2025, 6, 9), TODAY)  # ended yesterday


def test_groups_need_their_own_consent() -> None:
    assert may_join_group({ConsentScope.contact, ConsentScope.discussion_group})
    assert not may_join_group({ConsentScope.contact})
    assert not may_join_group(set())


def test_counts_by_regency() -> None:
    # Kaur: 2 active, 1 invited; Seluma: 1 active, 1 inactive; Lebong: 1 invited only.
    rows = [
        ("Kabupaten Kaur", ACTIVE),
        ("Kabupaten Seluma", INACTIVE),
        ("Kabupaten Kaur", INVITED),
        ("Kabupaten Lebong", INVITED),
        ("Kabupaten Kaur", ACTIVE),
        ("Kabupaten Seluma", ACTIVE),
    ]
    result = counts(rows)
    # 2 + 1 = 3 active; Lebong has none active, so 2 regencies are covered.
    assert (result.active, result.regencies) == (3, 2)
    assert result.by_regency == [
        RegencyCount("Kabupaten Kaur", active=2, invited=1, inactive=0),
        RegencyCount("Kabupaten Lebong", active=0, invited=1, inactive=0),
        RegencyCount("Kabupaten Seluma", active=1, invited=0, inactive=1),
    ]
    empty = counts([])
    assert (empty.active, empty.regencies, empty.by_regency) == (0, 0, [])
