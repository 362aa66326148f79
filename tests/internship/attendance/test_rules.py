"""Attendance rules, on months worked out by hand: hours over holidays and cuti
bersama, and the rotating code (an expired one refused)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from apik_internship.attendance.rules import (
    AbsenceKind,
    Day,
    code_for,
    code_valid,
    office_secret,
    recap,
    valid_until,
    window_of,
)
from apik_shared.vocabulary.calendar import OfficeCalendar

# May 2025 (confirmed data): 22 weekdays; national holidays on Thu 1 (Labour Day), Mon
# 12 (Vesak) and Thu 29 (Ascension); cuti bersama on Tue 13 and Fri 30. 17 working days.
MAY = date(2025, 5, 1)
WIB = OfficeCalendar(timezone="Asia/Jakarta")
JUNE_FIRST = date(2025, 6, 1)


def at(day: date, hour: float) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC) + timedelta(hours=hour - 7)


def working(start: date, end: date, calendar: OfficeCalendar = WIB) -> list[date]:
    days = [start + timedelta(days=n) for n in range((end - start).days + 1)]
    return [d for d in days if calendar.is_working_day(d)]


def test_a_full_month_counts_hours_only_on_working_days():
    days = {d: Day(at(d, 8), at(d, 16)) for d in working(MAY, date(2025, 5, 31))}
    assert len(days) == 17
    result = recap(WIB, MAY, (date(2025, 2, 1), date(2025, 7, 31)), days, {}, JUNE_FIRST)
    assert (result.expected_days, result.present_days, result.absent_days) == (17, 17, 0)
    assert result.hours == 17 * 8


def test_without_cuti_bersama_those_two_days_are_expected_and_missed():
    private = OfficeCalendar(national_collective_leave=False)
    days = {d: Day(at(d, 8), at(d, 16)) for d in working(MAY, date(2025, 5, 31))}
    result = recap(private, MAY, (MAY, date(2025, 5, 31)), days, {}, JUNE_FIRST)
    assert (result.expected_days, result.absent_days, result.hours) == (19, 2, 136)


def test_a_period_starting_mid_month_with_leave_sick_days_and_absences():
    # Period from Mon 12 May: working days 14, 15, 16, 19-23, 26-28 = 11 (12 and 13 off,
    # 29 and 30 off). Present 14-16 for 7.5 h each, leave on 19, sick on 20: absent 6.
    days = {
        date(2025, 5, d): Day(at(date(2025, 5, d), 8), at(date(2025, 5, d), 15.5))
        for d in (14, 15, 16)
    }
    absences = {date(2025, 5, 19): AbsenceKind.leave, date(2025, 5, 20): AbsenceKind.sick}
    result = recap(WIB, MAY, (date(2025, 5, 12), date(2025, 8, 12)), days, absences, JUNE_FIRST)
    assert result.expected_days == 11
    assert (result.present_days, result.leave_days, result.sick_days) == (3, 1, 1)
    assert result.absent_days == 6
    assert result.hours == 22.5


def test_an_office_closure_is_no_absence_and_today_is_not_missed_yet():
    closed = WIB.with_days_off(closures=[date(2025, 5, 2)])
    # Up to Wed 14: working days 5-9 and 14 (2 closed, 12-13 off) = 6. Checked in on
    # the 14th, not yet out: present, no hours, and the five before it are absences.
    today = date(2025, 5, 14)
    days = {today: Day(at(today, 8), None)}
    result = recap(closed, MAY, (MAY, date(2025, 7, 31)), days, {}, today)
    assert (result.expected_days, result.present_days, result.open_days) == (6, 1, 1)
    assert (result.absent_days, result.hours) == (5, 0.0)


def test_the_code_holds_for_its_window_and_the_grace_then_expires():
    secret = office_secret("kunci-rahasia", "KAB")
    now = datetime(2027, 2, 1, 1, 0, 10, tzinfo=UTC)
    window = window_of(now, 30)
    assert window == int(now.timestamp()) // 30
    current, previous = code_for(secret, "KAB", window), code_for(secret, "KAB", window - 1)
    assert len(current) == 6 and current.isdigit()

    def valid(code: str, office: str = "KAB") -> bool:
        return code_valid(secret, office, code, now, seconds=30, grace=1)

    assert valid(current) and valid(previous)
    assert not valid(code_for(secret, "KAB", window - 2))  # expired
    assert not valid(code_for(secret, "KAB", window + 1))  # not yet shown
    assert not valid(current, "BKL")  # another office's screen
    assert valid(f"MORI-ATT:KAB:{current[:3]} {current[3:]}")  # the QR's text, or typed
    assert valid_until(now, 30) == datetime(2027, 2, 1, 1, 0, 30, tzinfo=UTC)


def test_each_office_has_its_own_secret():
    assert office_secret("k", "KAB") != office_secret("k", "BKL")
    assert office_secret("k", "KAB") != office_secret("l", "KAB")
