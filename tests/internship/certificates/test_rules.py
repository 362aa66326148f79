"""The rules of completion, with worked examples computed by hand."""

from __future__ import annotations

from datetime import date

from apik_internship.certificates.rules import Recap, Thresholds, percent, unmet

THRESHOLDS = Thresholds(attendance_percent=80, logbook_percent=80, min_score=70)
END = date(2027, 4, 30)


def rules_unmet(recap: Recap, today: date = END) -> list[str]:
    return [u.rule for u in unmet(recap, THRESHOLDS, today=today, period_end=END)]


def test_a_recap_over_every_threshold_completes() -> None:
    assert rules_unmet(Recap(61, 55, 60, 85)) == []


def test_attendance_at_exactly_the_threshold_passes_and_a_day_less_fails() -> None:
    # 80 % of 60 working days is 48 days exactly.
    assert rules_unmet(Recap(60, 48, 60, 85)) == []
    assert rules_unmet(Recap(60, 47, 60, 85)) == ["attendance"]


def test_a_fraction_of_a_day_rounds_up_in_whole_days() -> None:
    # 80 % of 61 is 48.8: 49 days pass, 48 do not (no float rounding lets 48 through).
    assert rules_unmet(Recap(61, 49, 61, 85)) == []
    assert rules_unmet(Recap(61, 48, 61, 85)) == ["attendance"]


def test_the_logbook_is_counted_like_attendance() -> None:
    assert rules_unmet(Recap(10, 10, 8, 85)) == []
    assert rules_unmet(Recap(10, 10, 7, 85)) == ["logbook"]


def test_the_evaluation_needs_the_minimum_score_itself() -> None:
    assert rules_unmet(Recap(10, 10, 10, 70)) == []
    assert rules_unmet(Recap(10, 10, 10, 69)) == ["evaluation"]


def test_no_certificate_before_the_last_day_of_the_period() -> None:
    assert rules_unmet(Recap(10, 10, 10, 90), today=date(2027, 4, 29)) == ["period"]
    assert rules_unmet(Recap(10, 10, 10, 90), today=date(2027, 4, 30)) == []


def test_every_unmet_rule_is_named_with_what_it_asks() -> None:
    found = unmet(Recap(61, 40, 30, 50), THRESHOLDS, today=date(2027, 1, 1), period_end=END)
    assert [(u.rule, u.field) for u in found] == [
        ("period", "period_end"),
        ("attendance", "days_present"),
        ("logbook", "logbook_approved"),
        ("evaluation", "evaluation_score"),
    ]
    assert found[1].required == "80% of 61 working days" and found[1].actual == "40 days"


def test_a_period_without_working_days_asks_no_attendance() -> None:
    assert rules_unmet(Recap(0, 0, 0, 80)) == []
    assert percent(0, 0) == 100.0


def test_shares_are_shown_to_one_decimal() -> None:
    assert percent(49, 61) == 80.3  # 4900 / 61 = 80.33
    assert percent(7, 8) == 87.5
