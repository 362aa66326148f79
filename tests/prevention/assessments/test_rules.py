"""The scoring rules on worked examples, computed by hand here, one per shipped scheme;
the result bands at their edges; what an incomplete assessment shows."""

from __future__ import annotations

import pytest

from apik_prevention.assessments.rules import (
    Answer,
    assessment_actions,
    band_of,
    explain,
    offered_decisions,
    outcome,
    rounded,
    weakest,
)
from apik_prevention.assessments.schemas import AssessmentAction, FollowUpState
from tests.prevention.builders import indicators, shipped


def every(definition, value_of: dict[str, list[int] | int]) -> list[Answer]:
    """An answer per indicator: the value named, else the scale's max."""
    answers = []
    for indicator in indicators(definition):
        scale = indicator.scale or definition.scale
        values = value_of.get(indicator.code, scale.max)
        for value in values if isinstance(values, list) else [values]:
            answers.append(Answer(indicator.code, value))
    return answers


def test_2021_two_variables_of_service_standard_components() -> None:
    scheme = shipped(2021)
    # Delivery (6 indicators): S.1 seen twice, present once (mean 0.5 -> 50), S.4 absent:
    # (50 + 100 + 100 + 0 + 100 + 100) / 6 = 75. Management (8): M.8 absent: 7/8 = 87.5.
    # One dimension of 100%, variables weighted 1:1: (75 + 87.5) / 2 = 81.25, green.
    explained = explain(scheme, every(scheme, {"S.1": [1, 0], "S.4": 0, "M.8": 0}))
    [dimension] = explained.dimensions
    delivery, management = dimension.variables
    assert delivery.score == 75 and management.score == 87.5
    s1 = delivery.indicators[0]
    assert (s1.answers, s1.mean, s1.score) == ([1, 0], 0.5, 50)
    # S.1's share of the total: 100% x 1/2 x 1/6 = 8.3333 points; it gave half of them.
    assert s1.share_of_total == 8.3333 and s1.contribution == 4.1667
    assert explained.total == 81.25 and explained.complete
    assert explained.result is not None
    assert (explained.result.label, explained.result.zone) == ("Zona Hijau", "green")


def test_2022_four_weighted_dimensions_and_a_grade() -> None:
    scheme = shipped(2022)
    # Input: competence (I.1 0, I.2 3, I.3 3) = 66.667, facilities 100 -> 83.333.
    # Process: all 2 of 3 -> 66.667. Output: all 3 -> 100.
    # Complaints: 3, 3, 3, 1, 0 -> (100 + 100 + 100 + 33.333 + 0) / 5 = 66.667.
    # 21.85 x 5/6 + 32.37 x 2/3 + 24.24 x 1 + 21.54 x 2/3
    #   = 18.208333 + 21.58 + 24.24 + 14.36 = 78.388333 -> 78.39: B (from 78.01), green.
    process = {f"P.{n}": 2 for n in range(1, 12)}
    explained = explain(scheme, every(scheme, {"I.1": 0, **process, "H.4": 1, "H.5": 0}))
    scores = {d.code: d.score for d in explained.dimensions}
    assert scores == {"input": 83.3333, "proses": 66.6667, "output": 100, "pengaduan": 66.6667}
    contributions = {d.code: d.contribution for d in explained.dimensions}
    assert contributions == {
        "input": 18.2083,
        "proses": 21.58,
        "output": 24.24,
        "pengaduan": 14.36,
    }
    assert explained.total_exact == pytest.approx(78.388333, abs=1e-6)
    assert explained.total == 78.39
    assert explained.result is not None
    assert (explained.result.grade, explained.result.zone) == ("B", "green")
    # The weakest, by points lost: H.5 its whole share, 21.54 / 5 = 4.308; I.1 its whole
    # share, 21.85 x 1/2 x 1/3 = 3.6417; H.4 two thirds of 4.308 = 2.872; then each
    # process indicator a third of 32.37 / 11 = 0.9809.
    lost = [(i.code, i.lost) for i in weakest(explained, 4)]
    assert lost == [("H.5", 4.308), ("I.1", 3.6417), ("H.4", 2.872), ("P.1", 0.9809)]


def test_2025_seventy_thirty_the_opinion_and_the_suffix() -> None:
    scheme = shipped(2025)
    # Four dimensions at 100 each (17.5% each, 70 points). Public trust on 1-4:
    # T.3 answered 3 -> (3 - 1) / 3 = 66.667, the others 100 -> 91.667, x 30% = 27.5.
    # 70 + 27.5 = 97.5: the highest quality, with the opinion.
    answers = every(scheme, {"T.3": 3})
    followed = explain(scheme, answers, FollowUpState(issued=4, followed_up=4))
    assert followed.total == 97.5
    groups = {g.name: (g.weight, g.contribution) for g in followed.groups}
    assert groups == {"Kepatuhan (70%)": (70, 70), "Kepercayaan publik (30%)": (30, 27.5)}
    assert followed.result is not None and followed.result.opinion
    assert followed.result.suffix == "Tanpa Maladministrasi"
    assert followed.result.title == (
        "Kualitas Tertinggi \u2014 Opini Ombudsman RI Tanpa Maladministrasi"
    )
    # Three of four followed up: the opinion without the suffix; unknown: none either.
    partly = explain(scheme, answers, FollowUpState(issued=4, followed_up=3)).result
    assert partly is not None and partly.suffix is None and partly.follow_up_holds is False
    unknown = explain(scheme, answers).result
    assert unknown is not None and unknown.suffix is None and unknown.follow_up_holds is None
    # Nothing was issued: nothing was left without follow-up.
    none_issued = explain(scheme, answers, FollowUpState(issued=0, followed_up=0)).result
    assert none_issued is not None and none_issued.suffix == "Tanpa Maladministrasi"
    # One still pending (within its deadline): not known yet, so no suffix.
    waiting = FollowUpState(issued=2, followed_up=2, pending=1)
    pending = explain(scheme, answers, waiting).result
    assert pending is not None and pending.suffix is None and pending.follow_up_holds is None


def test_2025_no_suffix_without_the_opinion() -> None:
    scheme = shipped(2025)
    # Every trust answer 1 (score 0): 70 points, "Kualitas Sedang", no opinion.
    answers = every(scheme, {f"T.{n}": 1 for n in range(1, 5)})
    result = explain(scheme, answers, FollowUpState(issued=2, followed_up=2)).result
    assert result is not None
    assert (result.label, result.opinion, result.suffix) == ("Kualitas Sedang", False, None)


@pytest.mark.parametrize(
    ("total", "zone"),
    [
        (100, "green"),
        (81.0, "green"),
        (80.99, "yellow"),
        (51.0, "yellow"),
        (50.99, "red"),
        (0, "red"),
    ],
)
def test_2021_zone_edges(total: float, zone: str) -> None:
    assert band_of(total, shipped(2021).result).zone == zone


@pytest.mark.parametrize(
    ("total", "grade", "zone"),
    [
        (88.01, "A", "green"),
        (88.0, "B", "green"),
        (78.01, "B", "green"),
        (78.0, "C", "yellow"),
        (57.01, "C", "yellow"),
        (57.0, "D", "red"),
        (38.01, "D", "red"),
        (38.0, "E", "red"),
        (0, "E", "red"),
    ],
)
def test_2022_grade_edges(total: float, grade: str, zone: str) -> None:
    result = outcome(total, shipped(2022).result, None)
    assert (result.grade, result.zone) == (grade, zone)


def test_the_total_is_rounded_half_up_before_its_band() -> None:
    assert rounded(80.995, 2) == 81.0  # green
    assert rounded(80.99499999999999, 2) == 81.0  # the same number, computed
    assert rounded(80.9949, 2) == 80.99  # yellow
    assert rounded(88.005, 2) == 88.01  # A


def test_an_unanswered_indicator_leaves_the_assessment_incomplete_without_a_result() -> None:
    scheme = shipped(2022)
    answers = [a for a in every(scheme, {}) if a.indicator != "P.7"]
    explained = explain(scheme, answers)
    assert not explained.complete and explained.missing == ["P.7"]
    assert explained.result is None
    # What is shown is provisional: P.7's share, 32.37 / 11 = 2.9427, counted as nothing.
    assert explained.total == pytest.approx(100 - 32.37 / 11, abs=0.006)


def test_the_decisions_offered_are_the_reviewers_from_the_entrys_status() -> None:
    def offered(status: str, **who: bool) -> list[str]:
        facts = {"is_officer": True, "is_enumerator": False, **who}
        return [d.value for d in offered_decisions(status, assessment_status="draft", **facts)]

    assert offered("submitted") == ["approved", "returned", "on_hold"]
    assert offered("on_hold") == ["approved", "returned"]
    assert offered("approved") == [] and offered("returned") == []
    assert offered("submitted", is_enumerator=True) == []  # four eyes
    assert offered("submitted", is_officer=False) == []
    plenary = offered_decisions(
        "submitted", assessment_status="plenary", is_officer=True, is_enumerator=False
    )
    assert plenary == []


def test_entries_come_in_from_the_unit_while_a_draft() -> None:
    assert assessment_actions("draft", is_officer=True) == [AssessmentAction.add_entries]
    assert assessment_actions("draft", is_officer=False) == []
    assert assessment_actions("plenary", is_officer=True) == []
