"""The Red Button's pure rules (`apik_internship.red_button.rules`)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from apik_internship.red_button.rules import (
    Mode,
    MonthStats,
    Protection,
    Timing,
    Window,
    conflicted,
    escalation_level_due,
    escalation_role,
    identity_shown,
    matching_hash,
    monthly,
    new_receipt,
    normalise_name,
    normalise_receipt,
    on_duty,
    protection,
    protection_due,
    receipt_hash,
    takes_identity,
    window_valid,
)


def test_protection_is_due_24_clock_hours_after_the_report_even_over_a_holiday():
    # Raised Friday 22:30 WIB (15:30 UTC) before a long weekend: due Saturday 22:30 WIB,
    # not the next working day; the law counts 1x24 hours.
    raised = datetime(2027, 3, 26, 15, 30, tzinfo=UTC)
    assert protection_due(raised, 24) == datetime(2027, 3, 27, 15, 30, tzinfo=UTC)
    # An office that promises 12 hours: 15:30 + 12 h = 03:30 the next day (UTC).
    assert protection_due(raised, 12) == datetime(2027, 3, 27, 3, 30, tzinfo=UTC)


def test_a_receipt_is_sixteen_digits_in_four_groups():
    receipts = {new_receipt() for _ in range(500)}
    assert len(receipts) == 500
    assert all(re.fullmatch(r"\d{4} \d{4} \d{4} \d{4}", r) for r in receipts)
    assert receipt_hash(b"k" * 32, "1234 5678 9012 3456") != receipt_hash(
        b"j" * 32, "1234 5678 9012 3456"
    )


def test_only_an_identified_report_shows_who_raised_it():
    assert [takes_identity(m) for m in Mode] == [True, True, False]
    assert [identity_shown(m) for m in Mode] == [True, False, False]


def test_an_unacknowledged_case_escalates_level_by_level_on_the_clock():
    raised = datetime(2027, 3, 1, 1, 0, tzinfo=UTC)  # 08:00 WIB
    minutes = (10, 20)
    at = [raised + timedelta(minutes=m) for m in (0, 9, 10, 19, 20, 600)]
    # 08:00 and 08:09: level 0; 08:10 (10 min): level 1; 08:19: still 1; 08:20: level 2,
    # and it stays 2 however long it waits (there is no level 3).
    assert [escalation_level_due(raised, now, minutes) for now in at] == [0, 0, 1, 1, 2, 2]
    assert [escalation_role(level) for level in (1, 2)] == ["protection_officer", "head"]


def test_protection_counts_the_first_action_against_the_deadline():
    due = datetime(2027, 3, 2, 1, 0, tzinfo=UTC)  # raised 1 March 08:00 WIB, due 2 March
    before, after = due - timedelta(hours=3), due + timedelta(minutes=1)
    # No action yet: pending up to and on the deadline, overdue a minute after.
    assert protection(due, None, before) is Protection.pending
    assert protection(due, None, due) is Protection.pending
    assert protection(due, None, after) is Protection.overdue
    # The first action 3 hours before the deadline: met, however late it is read;
    # on the deadline itself: met; a minute after: late.
    assert protection(due, before, after + timedelta(days=30)) is Protection.met
    assert protection(due, due, after) is Protection.met
    assert protection(due, after, after) is Protection.late


def test_a_receipt_typed_back_is_read_with_or_without_its_spaces_or_with_dashes():
    # Written down by hand as "1234567890123456" or "1234-5678-9012-3456", it is the same
    # receipt as printed: four groups of four digits.
    printed = "1234 5678 9012 3456"
    for typed in ("1234567890123456", "1234-5678-9012-3456", " 1234 5678 9012 3456 ", printed):
        assert normalise_receipt(typed) == printed
    # 15 or 17 digits, a letter, or Arabic-Indic digits (isdigit, not ASCII): no receipt.
    for typed in ("1234 5678 9012 345", "1234 5678 9012 34567", "1234 5678 9012 345a"):
        assert normalise_receipt(typed) is None
    assert normalise_receipt("\u0661" * 16) is None


def test_a_reported_name_is_matched_without_its_form_of_address_titles_or_case():
    # "Pak Dr. Budi Santoso, S.H., M.H." -> after the comma are titles: "pak dr. budi
    # santoso" -> punctuation to spaces, lower case -> drop "pak", then "dr" -> "budi santoso".
    assert normalise_name("Pak Dr. Budi Santoso, S.H., M.H.") == "budi santoso"
    assert normalise_name("  BUDI   santoso ") == "budi santoso"
    assert normalise_name("Ibu Sari-Dewi") == "sari dewi"
    # Another spelling is another name: a keyed hash cannot match fuzzily.
    assert normalise_name("Budi Santosa") != normalise_name("Budi Santoso")
    key = b"k" * 32
    assert matching_hash(key, "person", "budi santoso") == matching_hash(
        key, "person", normalise_name("Bapak Budi Santoso")
    )
    # A person and a unit of the same spelling, or another key, never collide.
    assert matching_hash(key, "person", "intake") != matching_hash(key, "unit", "intake")
    assert matching_hash(key, "person", "budi santoso") != matching_hash(
        b"j" * 32, "person", "budi santoso"
    )


def test_a_staff_member_named_or_supervising_at_the_named_unit_is_in_conflict():
    budi, intake = "h-budi", "h-intake"
    # The report names Budi: Budi, wherever he supervises, is in conflict.
    assert conflicted(
        person_hash=budi, unit_hash=None, staff_name_hash=budi, staff_unit_hash="h-other"
    )
    # It names the intake unit: whoever supervises interns at intake is.
    assert conflicted(
        person_hash=None, unit_hash=intake, staff_name_hash="h-sari", staff_unit_hash=intake
    )
    # Another person, another unit; and nothing named matches no one (None != None here).
    assert not conflicted(
        person_hash=budi, unit_hash=intake, staff_name_hash="h-sari", staff_unit_hash="h-other"
    )
    assert not conflicted(
        person_hash=None, unit_hash=None, staff_name_hash="h-sari", staff_unit_hash=None
    )


def test_a_month_shows_its_count_and_median_times_only_at_the_minimum_count():
    jan, feb = date(2027, 1, 1), date(2027, 2, 1)
    timings = [
        # January: 3 cases, acknowledged after 10, 30 and (not yet) minutes; protected
        # after 60 and 120 minutes and one not yet.
        Timing(jan, 10, 60),
        Timing(jan, 30, 120),
        Timing(jan, None, None),
        # February: 2 cases, under a minimum of 3.
        Timing(feb, 5, 5),
        Timing(feb, 7, 7),
    ]
    # January: median of (10, 30) = 20; of (60, 120) = 90. February withheld entirely.
    assert monthly(timings, 3) == [MonthStats(jan, 3, 20, 90), MonthStats(feb, None, None, None)]
    # With a minimum of 2, February shows: medians (5+7)/2 = 6.
    assert monthly(timings, 2)[1] == MonthStats(feb, 2, 6, 6)
    # A month where nothing was acknowledged yet has a count and no times.
    assert monthly([Timing(jan, None, None)], 1) == [MonthStats(jan, 1, None, None)]


# --- On duty ----------------------------------------------------------------------------
# 7 December 2026 is a Monday. A window covers its start, not its end; 00:00 as the end
# is midnight.
MONDAY_DAY = Window(1, time(8), time(16))
SUNDAY_NIGHT = Window(7, time(22), time(0))
JAKARTA = ZoneInfo("Asia/Jakarta")


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=JAKARTA)


def test_a_window_covers_its_start_but_not_its_end() -> None:
    assert not on_duty([MONDAY_DAY], at(7, 7, 59))
    assert on_duty([MONDAY_DAY], at(7, 8))
    assert on_duty([MONDAY_DAY], at(7, 15, 59))
    assert not on_duty([MONDAY_DAY], at(7, 16))
    assert not on_duty([MONDAY_DAY], at(8, 8))  # Tuesday


def test_a_window_ending_at_midnight_covers_the_last_minute_of_its_day() -> None:
    assert on_duty([SUNDAY_NIGHT], at(6, 23, 59))  # 6 December 2026 is a Sunday
    assert not on_duty([SUNDAY_NIGHT], at(7, 0))  # Monday 00:00: the next day's window
    assert window_valid(SUNDAY_NIGHT) and not window_valid(Window(1, time(16), time(8)))
