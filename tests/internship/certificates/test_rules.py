"""The rules of completion, with worked examples computed by hand."""

from __future__ import annotations

from datetime import date

from apik_internship.certificates.rules import (
    Counted,
    Recap,
    Thresholds,
    counted,
    percent,
    unmet,
)
from apik_shared.vocabulary.calendar import OfficeCalendar

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
    attendance = found[1].why
    assert attendance.type == "attendance_too_low"
    assert attendance.context == {"percent": 80, "working_days": 61, "present": 40}
    assert attendance.message() == "attendance: needs 80% of 61 working days, has 40 days"


def test_a_period_without_working_days_asks_no_attendance() -> None:
    assert rules_unmet(Recap(0, 0, 0, 80)) == []
    assert percent(0, 0) == 100.0


def test_shares_are_shown_to_one_decimal() -> None:
    assert percent(49, 61) == 80.3  # 4900 / 61 = 80.33
    assert percent(7, 8) == 87.5


# --- Counting the recap from the intern's records ---------------------------------------
# 2 to 13 June 2025 by the Jakarta calendar: ten weekdays less 6 June (Iduladha) and
# 9 June (its cuti bersama) are 8 working days: 2, 3, 4, 5, 10, 11, 12 and 13 June.
WIB = OfficeCalendar(timezone="Asia/Jakarta")
JUNE = (date(2025, 6, 2), date(2025, 6, 13))


def june(*days: int) -> list[date]:
    return [date(2025, 6, d) for d in days]


def test_the_recap_counts_only_the_periods_working_days() -> None:
    count = counted(
        WIB,
        JUNE,
        attended=june(3, 4, 5, 6, 10, 11),  # 6 June is Iduladha: not a working day
        excused=june(12),  # sick: present by the rules
        logbook=june(3, 4, 5, 9, 10, 11),
        approved=june(3, 4, 9, 10),  # 9 June is cuti bersama: counts for nothing
    )
    # Present: 3, 4, 5, 10, 11 attended and 12 excused = 6 (6 June not counted).
    # Approved: 3, 4, 10 = 3 (9 June not counted). Records began on 3 June, so only
    # 2 June (one working day) is before them.
    assert count == Counted(
        working_days=8,
        days_present=6,
        logbook_approved=3,
        records_began=date(2025, 6, 3),
        days_before_records=1,
    )


def test_the_days_before_the_records_skip_the_holidays() -> None:
    count = counted(WIB, JUNE, attended=june(10, 11, 12, 13), excused=[], logbook=[], approved=[])
    # Before 10 June: 2, 3, 4, 5 June; 6 and 9 June are off, 7 and 8 a weekend.
    assert (count.days_before_records, count.days_present) == (4, 4)
    assert count.records_began == date(2025, 6, 10)


def test_no_record_at_all_leaves_every_working_day_before_the_records() -> None:
    count = counted(WIB, JUNE, attended=[], excused=[], logbook=[], approved=[])
    assert count == Counted(8, 0, 0, None, 8)


def test_a_submitted_or_returned_entry_begins_the_records_but_is_not_approved() -> None:
    count = counted(WIB, JUNE, attended=[], excused=[], logbook=june(4, 5), approved=[])
    assert (count.records_began, count.days_before_records) == (date(2025, 6, 4), 2)
    assert count.logbook_approved == 0
