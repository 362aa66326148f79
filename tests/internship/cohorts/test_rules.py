"""The allocation's fairness and capacity, on cases worked by hand."""

from __future__ import annotations

from collections import Counter
from datetime import date

from apik_internship.cohorts.rules import (
    Candidate,
    Interval,
    allocate,
    phase_order,
    phase_periods,
    rotation_plan,
)


def c(key: str, *preferences: str, order: str | None = None) -> Candidate:
    return Candidate(key=key, preferences=preferences, order=order or key)


def test_a_second_choice_is_given_when_it_saves_someone_from_an_unlisted_unit():
    # One place each. In order, i1 would take A (first), i2 B (first), and i3, whose
    # list is A then B, would fall to C, which they did not list. Moving i1 to their
    # second, C, gives: i3 A (first), i2 B (first), i1 C (second): two firsts and a
    # second beat two firsts and an unlisted unit.
    result = allocate(
        [c("i1", "A", "C"), c("i2", "B", "A"), c("i3", "A", "B")], {"A": 1, "B": 1, "C": 1}
    )
    assert result.placed == {"i1": "C", "i2": "B", "i3": "A"}
    assert sorted(result.ranks.values()) == [0, 0, 1]


def test_the_most_first_choices_before_anything_else():
    # A has two places and three want it first; B and C one place each. Two get A; the
    # third their second choice. No allocation gives three firsts.
    result = allocate(
        [c("i1", "A", "B"), c("i2", "A", "C"), c("i3", "A", "B"), c("i4", "C", "B")],
        {"A": 2, "B": 1, "C": 1},
    )
    assert Counter(result.ranks.values()) == Counter({0: 3, 1: 1})
    assert result.placed["i4"] == "C" and result.placed["i3"] == "B"  # i3 is last in order


def test_a_tie_goes_to_the_earlier_in_the_lottery_whatever_the_input_order():
    first = allocate([c("x", "A", order="1"), c("y", "A", order="2")], {"A": 1, "B": 1})
    again = allocate([c("y", "A", order="2"), c("x", "A", order="1")], {"A": 1, "B": 1})
    assert first == again
    assert first.placed == {"x": "A", "y": "B"}


def test_capacity_is_never_exceeded_and_only_the_shortfall_is_left_out():
    wanted = [c(f"i{n}", "A", "B") for n in range(7)]
    result = allocate(wanted, {"A": 3, "B": 2, "C": 0})
    assert Counter(result.placed.values()) == Counter({"A": 3, "B": 2})
    assert result.unplaced == ["i5", "i6"]  # the last two in order


def test_nobody_is_left_out_while_a_chain_of_moves_frees_a_place():
    # i2 lists only A, which i1 holds; B is free: i1 moves on to B (their second).
    result = allocate([c("i1", "A", "B"), c("i2", "A")], {"A": 1, "B": 1})
    assert result.placed == {"i2": "A", "i1": "B"}


def test_a_rotation_sends_everyone_through_every_unit_once():
    units = {"intake": 1, "prevention": 1, "examination": 1}
    wanted = [
        c("i1", "intake", "prevention"),
        c("i2", "intake", "examination"),
        c("i3", "prevention"),
    ]
    plan = rotation_plan("cohort", wanted, units, 3)
    for key in ("i1", "i2", "i3"):
        assert sorted(p.unit or "" for p in plan if p.key == key) == sorted(units)
    for phase in range(3):
        assert Counter(p.unit for p in plan if p.phase == phase) == Counter(dict.fromkeys(units, 1))


def test_who_fared_worse_in_a_phase_comes_first_in_the_next():
    # Worse earlier ranks sort before better ones, whatever the lottery says.
    assert phase_order("k", "a", [3]) < phase_order("k", "b", [0])
    assert phase_order("k", "a", [1, 1]) < phase_order("k", "a", [0, 1])


def test_a_period_is_cut_into_phases_as_equal_as_days_allow():
    # February 2027 to April 2027: 28 + 31 + 30 = 89 days, into 3: 30, 30, 29.
    assert phase_periods(date(2027, 2, 1), date(2027, 4, 30), 3) == [
        Interval(date(2027, 2, 1), date(2027, 3, 2)),
        Interval(date(2027, 3, 3), date(2027, 4, 1)),
        Interval(date(2027, 4, 2), date(2027, 4, 30)),
    ]
    assert phase_periods(date(2027, 2, 1), date(2027, 2, 2), 3) == [
        Interval(date(2027, 2, 1), date(2027, 2, 1)),
        Interval(date(2027, 2, 2), date(2027, 2, 2)),
    ]


def _signature(ranks: list[int], levels: int) -> tuple[int, ...]:
    """Placed first, then firsts, seconds, …: the larger the fairer."""
    return (len(ranks), *(ranks.count(r) for r in range(levels)))


def test_on_every_small_case_no_allocation_is_fairer_than_the_one_chosen():
    # Every assignment of up to five interns to three units (or none), checked by
    # brute force against the rank-maximal order the module promises.
    import itertools
    import random

    units = ["A", "B", "C"]
    draw = random.Random(18)
    for _ in range(400):
        capacity = {u: draw.randint(0, 2) for u in units}
        wanted = [
            c(f"i{n}", *draw.sample(units, draw.randint(1, 3))) for n in range(draw.randint(1, 5))
        ]
        result = allocate(wanted, capacity)
        assert all(Counter(result.placed.values())[u] <= capacity[u] for u in units)
        best = max(
            _signature(
                [
                    candidate.preferences.index(u) if u in candidate.preferences else 3
                    for candidate, u in zip(wanted, choice, strict=True)
                    if u is not None
                ],
                4,
            )
            for choice in itertools.product([*units, None], repeat=len(wanted))
            if all(choice.count(u) <= capacity[u] for u in units)
        )
        assert _signature(list(result.ranks.values()), 4) == best, (capacity, wanted)


def test_an_intern_is_placed_only_in_the_phases_of_their_own_period():
    late = Candidate("late", ("A",), order="0", phases=frozenset({1}))
    plan = rotation_plan("k", [late, c("early", "A")], {"A": 1, "B": 1}, 2)
    assert [(p.phase, p.key, p.unit) for p in plan] == [
        (0, "early", "A"),
        (1, "late", "A"),  # early had A in phase 0: it moves on to B
        (1, "early", "B"),
    ]
