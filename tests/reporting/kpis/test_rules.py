"""The indicators' pure rules: percentages against targets, definitions, target checks."""

from __future__ import annotations

from apik_reporting.kpis.rules import BY_CODE, INDICATORS, percent, target_problems


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
    assert "knl_recorded" in problems["nope"]  # the message lists the known codes
