"""Rubric scores, the supervisors' final score and the feedback's minimum count, with
worked examples computed by hand."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from apik_internship.evaluations.rules import Subject, feedback, final_score, score, unfilled
from apik_internship.settings import Settings

RUBRIC = ["guidance", "workload", "respect"]


def test_a_rubric_scores_from_0_at_all_ones_to_100_at_all_fives() -> None:
    assert score({"a": 1, "b": 1}) == 0.0
    assert score({"a": 3, "b": 3}) == 50.0
    assert score({"a": 5, "b": 5}) == 100.0
    # Mean 4: (4 - 1) / 4 = 75.
    assert score({"a": 4, "b": 4, "c": 4}) == 75.0
    # Six fives and a three: mean 33 / 7 = 4.714; (4.714 - 1) / 4 = 92.857 -> 92.9.
    assert score({str(i): 5 for i in range(6)} | {"x": 3}) == 92.9


def test_the_final_score_is_the_mean_rounded_half_up() -> None:
    assert final_score([75.0, 92.9]) == 84  # 83.95
    assert final_score([70.0, 71.0]) == 71  # 70.5 rounds up
    assert final_score([69.9]) == 70
    assert final_score([]) is None


def test_a_rubric_filled_wrong_names_each_criterion() -> None:
    assert unfilled(RUBRIC, {"guidance": 4, "workload": 3, "respect": 5}) == []
    wrong = unfilled(RUBRIC, {"guidance": 4, "workload": 6, "salary": 2})
    assert [(c, why.type, why.message()) for c, why in wrong] == [
        ("respect", "missing", "respect: missing"),
        ("salary", "extra_forbidden", "salary: not in the rubric"),
        ("workload", "out_of_range", "workload: 6 is not 1 to 5"),
    ]


def test_feedback_under_the_minimum_count_shows_nothing() -> None:
    filled = [{"guidance": 4, "workload": 3, "respect": 5}] * 4
    assert feedback("intake", filled, RUBRIC, min_count=5).count is None
    shown = feedback("intake", [*filled, {"guidance": 2, "workload": 3, "respect": 5}], RUBRIC, 5)
    assert shown.count == 5
    # guidance (4 * 4 + 2) / 5 = 3.6; each rubric 75.0 (mean 4) four times and 58.3 once
    # (mean 10 / 3 = 3.333: 2.333 / 4 = 58.33): (300 + 58.33) / 5 = 71.67 -> 71.7.
    assert shown.criteria == {"guidance": 3.6, "workload": 3.0, "respect": 5.0}
    assert shown.mean_score == 71.7


def test_the_settings_refuse_a_rubric_without_criteria_or_with_a_repeat() -> None:
    assert Settings().rubrics[Subject.unit][0] == "guidance"
    with pytest.raises(ValidationError, match="unit needs its criteria"):
        Settings(rubrics={"intern": ["a"], "unit": [], "programme": ["b"]})
    with pytest.raises(ValidationError, match="programme needs its criteria"):
        Settings(rubrics={"intern": ["a"], "unit": ["c"], "programme": ["b", "b"]})
