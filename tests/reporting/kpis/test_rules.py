"""The indicators' pure rules: percentages against targets, definitions, target checks."""

from __future__ import annotations

from apik_reporting.breakdowns.rules import Loss
from apik_reporting.kpis.rules import (
    BY_CODE,
    INDICATORS,
    loss_achievements,
    percent,
    target_problems,
)


def test_percent_against_target_as_in_the_seed():
    assert percent(252, 250, "higher") == 100.8
    assert percent(108, 100, "higher") == 108.0
    assert percent(90, 84, "higher") == 107.1
    assert percent(5, None, "higher") is None
    assert percent(5, 0, "higher") is None
    assert percent(None, 10, "higher") is None
    # Lower is better: 30 days taken against 45 targeted beats the target.
    assert percent(30, 45, "lower") == 150.0
    assert percent(0, 45, "lower") is None


def test_every_indicator_is_defined_in_both_languages():
    assert [i.code for i in INDICATORS] == [
        "knl_recorded",
        "lm_registered",
        "reports_handed_over",
        "reports_closed",
        "reports_in_process",
        "closed_within_sla_pct",
        "avg_working_days_to_close",
        "desk_visits",
        "desk_avg_duration_minutes",
        "desk_avg_rating",
        "ikm",
        "public_loss_prevented_idr",
        "public_loss_recovered_idr",
    ]
    for indicator in INDICATORS:
        assert indicator.definition and indicator.label and indicator.definisi
    assert (
        BY_CODE["ikm"].available and "25 x the sum of the nine NRR / 9" in BY_CODE["ikm"].definition
    )


def test_target_problems_name_each_bad_code():
    assert target_problems({"knl_recorded": 250, "closed_within_sla_pct": 90}) == []
    problems = dict(target_problems({"nope": 1, "desk_avg_rating": 0, "ikm": 101}))
    assert set(problems) == {"nope", "desk_avg_rating", "ikm"}
    assert "knl_recorded" in problems["nope"].message()  # the message lists the known codes
    # Each with the code the web app words it by.
    assert {code: why.type for code, why in problems.items()} == {
        "nope": "unknown_kpi",
        "desk_avg_rating": "out_of_range",
        "ikm": "less_than_equal",
    }


def test_an_amount_target_may_pass_a_billion_rupiah_but_not_the_column():
    # Rp 2 billion prevented is a plausible office target; a count of 2 billion is not.
    assert target_problems({"public_loss_prevented_idr": 2_000_000_000}) == []
    assert dict(target_problems({"knl_recorded": 2_000_000_000}))
    too_much = dict(target_problems({"public_loss_recovered_idr": 10**12}))
    assert "999999999999" in too_much["public_loss_recovered_idr"].message()


def test_the_public_loss_indicators_sum_each_kind_over_every_group():
    found = [
        Loss("MKS", "education", "school", "prevented", 2, 30, 5_000_000),
        Loss("MKS", "land", "land_office", "prevented", 1, 4, 120_000_000),
        Loss("MKS", "land", "land_office", "recovered", 1, 2, 7_500_000),
        Loss("MKS", "land", "land_office", "something_else", 9, 9, 9),
    ]
    # prevented: 5.000.000 + 120.000.000; recovered: 7.500.000; the odd kind counts nowhere.
    assert loss_achievements(found) == {
        "public_loss_prevented_idr": 125_000_000,
        "public_loss_recovered_idr": 7_500_000,
    }
    assert loss_achievements([]) == {"public_loss_prevented_idr": 0, "public_loss_recovered_idr": 0}
