"""The IKM (`apik_shared.vocabulary.ikm`): worked examples, grade boundaries, SQL totals."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from apik_shared.vocabulary.ikm import (
    ELEMENTS,
    Element,
    answer_problems,
    compute_ikm,
    grade_of,
    ikm_of_totals,
)


def response(*values: int) -> dict[str, int]:
    assert len(values) == 9
    return {e.value: v for e, v in zip(ELEMENTS, values, strict=True)}


def test_all_fours_is_one_hundred_and_all_ones_twenty_five():
    best = compute_ikm([response(*[4] * 9)])
    assert best is not None and best.index == Decimal("100.00") and best.grade == "A"
    worst = compute_ikm([response(*[1] * 9)])
    assert worst is not None and worst.index == Decimal("25.00") and worst.grade == "D"


def test_two_respondents():
    # NRR 3.5 on every element: 25 * 31.5 / 9 = 87.50, good.
    ikm = compute_ikm([response(*[4] * 9), response(*[3] * 9)])
    assert ikm is not None
    assert ikm.nrr[Element.cost] == Fraction(7, 2)
    assert (ikm.index, ikm.grade, ikm.meaning) == (Decimal("87.50"), "B", "good")


def test_three_respondents_worked_by_hand():
    # Answer sums 33, 28 and 30: sum of NRR = 91/3; IKM = 25 * 91 / 27 = 84.259... -> 84.26.
    ikm = compute_ikm(
        [
            response(4, 4, 3, 4, 4, 3, 4, 3, 4),
            response(3, 3, 3, 4, 3, 3, 3, 3, 3),
            response(4, 3, 2, 4, 3, 4, 4, 3, 3),
        ]
    )
    assert ikm is not None and ikm.responses == 3
    assert ikm.nrr[Element.completion_time] == Fraction(8, 3)
    assert ikm.nrr[Element.cost] == 4
    assert (ikm.index, ikm.grade) == (Decimal("84.26"), "B")


def test_all_threes_is_poor():
    ikm = compute_ikm([response(*[3] * 9)])
    assert ikm is not None and (ikm.index, ikm.grade, ikm.meaning) == (
        Decimal("75.00"),
        "C",
        "poor",
    )


def test_the_weight_is_exactly_one_ninth():
    # With 0.111 as weight eight 4s and one 3 would give 97.13; exactly 1/9 gives 97.22.
    ikm = compute_ikm([response(4, 4, 4, 4, 4, 4, 4, 4, 3)])
    assert ikm is not None and ikm.index == Decimal("97.22")


@pytest.mark.parametrize(
    ("index", "grade"),
    [
        ("100.00", "A"),
        ("88.31", "A"),
        ("88.30", "B"),
        ("76.61", "B"),
        ("76.60", "C"),
        ("65.00", "C"),
        ("64.99", "D"),
        ("25.00", "D"),
    ],
)
def test_grade_boundaries(index: str, grade: str):
    assert grade_of(Decimal(index))[0] == grade


def test_rounding_decides_the_gap_between_grades():
    # 100 respondents: IKM = 25 * (T / 100) / 9 = T / 36, T the total of the 900 answers.
    # T = 3179 gives 88.3055...: rounded to 88.31, A. T = 3178 gives 88.2777...: B.
    fours, threes = [response(*[4] * 9)] * 53, [response(*[3] * 9)] * 46
    ikm = compute_ikm([*fours, response(4, 4, 3, 3, 3, 3, 3, 3, 3), *threes])
    assert ikm is not None and ikm.index == Decimal("88.31") and ikm.grade == "A"
    ikm = compute_ikm([*fours, response(4, 3, 3, 3, 3, 3, 3, 3, 3), *threes])
    assert ikm is not None and ikm.index == Decimal("88.28") and ikm.grade == "B"


def test_no_responses_no_index_and_incomplete_ones_are_refused():
    assert compute_ikm([]) is None
    with pytest.raises(ValueError):
        compute_ikm([{"requirements": 4}])


def test_answer_problems_name_the_element():
    answers = response(*[4] * 9) | {"cost": 5, "parking": 3}
    del answers["facilities"]
    assert sorted(field for field, _ in answer_problems(answers)) == [
        "cost",
        "facilities",
        "parking",
    ]
    with pytest.raises(ValueError):
        grade_of(Decimal("24.99"))


def test_totals_give_the_same_index_as_the_responses():
    responses = [
        response(4, 4, 3, 4, 4, 3, 4, 3, 4),
        response(3, 3, 3, 4, 3, 3, 3, 3, 3),
        response(4, 3, 2, 4, 3, 4, 4, 3, 3),
    ]
    totals = {e: sum(r[e] for r in responses) for e in ELEMENTS}
    assert ikm_of_totals(len(responses), totals) == compute_ikm(responses)
    assert ikm_of_totals(0, dict.fromkeys(ELEMENTS, 0)) is None


def test_impossible_totals_are_refused():
    with pytest.raises(ValueError):
        ikm_of_totals(2, dict.fromkeys(ELEMENTS, 9))  # two answers of at most 4
    with pytest.raises(ValueError):
        ikm_of_totals(1, {Element.cost: 4})  # eight elements missing
