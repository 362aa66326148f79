"""N-gain with worked examples computed by hand, its edges at 0.3 and 0.7 exactly, the
undefined case, and the two summaries of a module."""

from __future__ import annotations

from fractions import Fraction

from apik_shared.vocabulary.ngain import (
    GainCategory,
    Scores,
    category,
    n_gain,
    shown,
    summary,
)


def test_a_worked_example() -> None:
    # pre 40, post 85 of 100: (85 - 40) / (100 - 40) = 45 / 60 = 0.75, high.
    assert n_gain(40, 85, 100) == Fraction(3, 4)
    assert category(n_gain(40, 85, 100)) is GainCategory.high


def test_exactly_0_7_is_high_and_just_under_is_medium() -> None:
    # (82 - 40) / 60 = 42 / 60 = 0.7 exactly: compared as a fraction, so no float rounding
    # decides an edge (in floats, 7 * 0.1 is 0.7000000000000001).
    assert n_gain(40, 82, 100) == Fraction(7, 10)
    assert category(n_gain(40, 82, 100)) is GainCategory.high
    # (81 - 40) / 60 = 0.683: medium.
    assert category(n_gain(40, 81, 100)) is GainCategory.medium


def test_exactly_0_3_is_medium_and_just_under_is_low() -> None:
    # (30 - 0) / 100 = 0.3 exactly: medium; 29 / 100: low.
    assert category(n_gain(0, 30, 100)) is GainCategory.medium
    assert category(n_gain(0, 29, 100)) is GainCategory.low
    # Out of 10 after a pre-test of 3: (6 - 3) / 7 = 0.43 medium; (5 - 3) / 7 = 0.29 low.
    assert category(n_gain(3, 6, 10)) is GainCategory.medium
    assert category(n_gain(3, 5, 10)) is GainCategory.low


def test_a_pre_test_at_the_maximum_is_undefined_not_zero_nor_one() -> None:
    assert n_gain(100, 100, 100) is None
    assert n_gain(100, 90, 100) is None
    assert category(None) is GainCategory.undefined
    assert shown(None) is None


def test_a_missing_test_has_no_gain() -> None:
    assert n_gain(None, 80, 100) is None and n_gain(40, None, 100) is None


def test_a_post_test_below_the_pre_test_is_a_negative_low_gain() -> None:
    # (30 - 50) / 50 = -0.4.
    assert n_gain(50, 30, 100) == Fraction(-2, 5)
    assert category(n_gain(50, 30, 100)) is GainCategory.low


def test_the_mean_of_gains_and_the_class_gain_differ_and_are_named_apart() -> None:
    results = [
        Scores(pre=20, post=60, max_score=100),  # 40 / 80 = 0.5, medium
        Scores(pre=80, post=100, max_score=100),  # 20 / 20 = 1.0, high
        Scores(pre=100, post=100, max_score=100),  # undefined
        Scores(pre=50, post=None, max_score=100),  # not tested after: left out
    ]
    found = summary(results)
    assert found.tested == 3
    # Mean of the two defined gains: (0.5 + 1.0) / 2 = 0.75.
    assert found.mean_gain == Fraction(3, 4)
    # Class averages over the three tested: pre (20 + 80 + 100) / 3 = 66.67 %, post
    # (60 + 100 + 100) / 3 = 86.67 %: (86.67 - 66.67) / (100 - 66.67) = 20 / 33.33 = 0.6.
    assert found.class_gain == Fraction(3, 5)
    assert found.counts == {
        GainCategory.high: 1,
        GainCategory.medium: 1,
        GainCategory.low: 0,
        GainCategory.undefined: 1,
    }


def test_scores_on_different_maxima_meet_as_percentages() -> None:
    # 5 of 10 -> 9 of 10 is 50 % -> 90 %; 20 of 40 -> 30 of 40 is 50 % -> 75 %.
    # Class: pre 50 %, post 82.5 %: 32.5 / 50 = 0.65.
    found = summary([Scores(5, 9, 10), Scores(20, 30, 40)])
    assert found.class_gain == Fraction(13, 20)
    # Individual: 4 / 5 = 0.8 and 10 / 20 = 0.5, mean 0.65 too here.
    assert found.mean_gain == Fraction(13, 20)


def test_a_class_all_at_the_maximum_has_no_class_gain() -> None:
    found = summary([Scores(10, 10, 10)])
    assert found.class_gain is None and found.mean_gain is None


def test_nobody_tested() -> None:
    found = summary([])
    assert (found.tested, found.mean_gain, found.class_gain) == (0, None, None)
    assert shown(Fraction(2, 3)) == 0.667
