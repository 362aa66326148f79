"""The clinics' N-gain (the shared rule) with a class worked by hand, its edges, the
undefined case, and the certificate codes."""

from __future__ import annotations

from fractions import Fraction

from apik_prevention.clinics.rules import (
    GainCategory,
    Scores,
    category,
    certificate_code,
    code_hash,
    n_gain,
    normalised_code,
    summary,
)
from apik_prevention.clinics.service import ClinicCompletedAlready
from apik_shared.platform.problems import TransitionNotAllowed

KEY = b"k" * 32


def test_edges_are_exact_and_stated() -> None:
    # 30 -> 51 of 100: 21 / 70 = 0.3 exactly: medium (0.3 is medium).
    assert n_gain(30, 51, 100) == Fraction(3, 10)
    assert category(n_gain(30, 51, 100)) is GainCategory.medium
    # 30 -> 50: 20 / 70 = 0.2857…: low.
    assert category(n_gain(30, 50, 100)) is GainCategory.low
    # 50 -> 85: 35 / 50 = 0.7 exactly: high (0.7 is high).
    assert n_gain(50, 85, 100) == Fraction(7, 10)
    assert category(n_gain(50, 85, 100)) is GainCategory.high
    # 50 -> 84: 34 / 50 = 0.68: medium.
    assert category(n_gain(50, 84, 100)) is GainCategory.medium
    # A post-test below the pre-test: negative, low.
    assert n_gain(60, 40, 100) == Fraction(-1, 2)
    assert category(Fraction(-1, 2)) is GainCategory.low


def test_pre_at_the_maximum_is_undefined_not_zero() -> None:
    assert n_gain(100, 100, 100) is None
    assert n_gain(100, 90, 100) is None
    assert category(None) is GainCategory.undefined
    assert n_gain(None, 80, 100) is None


def test_a_class_worked_by_hand() -> None:
    # Four participants of a test out of 50:
    #   A 20 -> 41: 21 / 30 = 0.7 (high)
    #   B 10 -> 22: 12 / 40 = 0.3 (medium)
    #   C 50 -> 50: undefined (pre at the maximum)
    #   D 30 -> ?: no post-test, not tested
    # Mean of individual gains over A and B: (0.7 + 0.3) / 2 = 0.5.
    # Class gain from the three with both tests: %pre = (40 + 20 + 100) / 3 = 160/3,
    # %post = (82 + 44 + 100) / 3 = 226/3; (226/3 - 160/3) / (100 - 160/3)
    # = (66/3) / (140/3) = 66/140 = 33/70 = 0.4714…
    result = summary(
        [Scores(20, 41, 50), Scores(10, 22, 50), Scores(50, 50, 50), Scores(30, None, 50)]
    )
    assert result.tested == 3
    assert result.mean_gain == Fraction(1, 2)
    assert result.class_gain == Fraction(33, 70)
    assert result.counts[GainCategory.high] == 1
    assert result.counts[GainCategory.medium] == 1
    assert result.counts[GainCategory.undefined] == 1
    assert result.counts[GainCategory.low] == 0


def test_certificate_codes_are_derived_and_read_forgivingly() -> None:
    code = certificate_code(KEY, "participant-1")
    assert code == certificate_code(KEY, "participant-1")
    assert code != certificate_code(KEY, "participant-2")
    assert code != certificate_code(b"x" * 32, "participant-1")
    assert code.startswith("KLN-") and len(code) == 4 + 19
    typed = code.lower().replace("-", " ")
    assert normalised_code(typed) == code
    assert normalised_code("KLN-1234") is None
    assert code_hash(KEY, code) != code_hash(KEY, certificate_code(KEY, "participant-2"))


def test_a_refusal_of_its_own_type_names_none_of_transition_not_allowed_s_reasons():
    # Its reasons would be worded under its own slug: the parent's codes are not its own.
    assert ClinicCompletedAlready.reasons == ()
    assert "cannot_become" in TransitionNotAllowed.reasons
