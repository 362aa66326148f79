"""The working-day calendar on real dates: Idul Fitri 2025 and 2026, and the year ends.

Expected days off, from the joint decrees (SKB 3 Menteri) on national holidays and
collective leave for 2025 and 2026, as the `holidays` package records them:
- 2025: Nyepi Sat 29 Mar (cuti bersama Fri 28 Mar); Idul Fitri Mon 31 Mar and Tue 1 Apr
  (cuti bersama Wed 2, Thu 3, Fri 4 and Mon 7 Apr); Christmas Thu 25 Dec (cuti bersama
  Fri 26 Dec); New Year Thu 1 Jan 2026.
- 2026: Nyepi Thu 19 Mar (cuti bersama Wed 18 Mar); Idul Fitri Sat 21 and Sun 22 Mar
  (cuti bersama Fri 20, Mon 23 and Tue 24 Mar); Christmas Fri 25 Dec (cuti bersama Thu
  24 Dec).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from apik_shared.vocabulary.calendar import (
    OfficeCalendar,
    national_collective_leave,
    national_holidays,
)

JAKARTA = OfficeCalendar()


def test_the_package_knows_idul_fitri_and_its_collective_leave():
    assert {date(2025, 3, 31), date(2025, 4, 1)} <= set(national_holidays(2025))
    assert {date(2026, 3, 21), date(2026, 3, 22)} <= set(national_holidays(2026))
    assert {date(2025, 4, d) for d in (2, 3, 4, 7)} <= set(national_collective_leave(2025))
    assert {date(2026, 3, d) for d in (18, 20, 23, 24)} <= set(national_collective_leave(2026))


class TestIsWorkingDay:
    def test_weekdays_work_and_weekends_do_not(self):
        assert JAKARTA.is_working_day(date(2025, 3, 27))  # Thursday
        assert not JAKARTA.is_working_day(date(2025, 3, 29))  # Saturday (also Nyepi)
        assert JAKARTA.day_off_reason(date(2025, 3, 30)) == "weekend"

    def test_idul_fitri_2025_is_a_holiday_then_collective_leave(self):
        assert "Eid al-Fitr" in (JAKARTA.day_off_reason(date(2025, 3, 31)) or "")
        assert "Joint Holiday" in (JAKARTA.day_off_reason(date(2025, 4, 7)) or "")
        assert JAKARTA.is_working_day(date(2025, 4, 8))

    def test_an_office_outside_the_civil_service_works_on_collective_leave(self):
        private = OfficeCalendar(national_collective_leave=False)
        assert private.is_working_day(date(2025, 4, 2))
        assert not private.is_working_day(date(2025, 4, 1))  # the holiday itself stays

    def test_office_closures_and_extra_leave_are_days_off(self):
        office = OfficeCalendar(
            timezone="Asia/Makassar",
            collective_leave=frozenset({date(2026, 3, 25)}),
            closures=frozenset({date(2026, 3, 26)}),
        )
        assert office.day_off_reason(date(2026, 3, 25)) == "collective leave (office)"
        assert office.day_off_reason(date(2026, 3, 26)) == "office closed"
        assert JAKARTA.is_working_day(date(2026, 3, 26))


class TestNextWorkingDay:
    def test_across_idul_fitri_2025(self):
        # Thu 27 Mar 2025: then 28 Mar to 7 Apr are all off (holidays, weekends, leave).
        assert JAKARTA.next_working_day(date(2025, 3, 27)) == date(2025, 4, 8)

    def test_across_nyepi_and_idul_fitri_2026(self):
        assert JAKARTA.next_working_day(date(2026, 3, 17)) == date(2026, 3, 25)

    def test_include_today(self):
        assert JAKARTA.next_working_day(date(2026, 3, 17), include_today=True) == date(2026, 3, 17)
        assert JAKARTA.next_working_day(date(2026, 3, 21), include_today=True) == date(2026, 3, 25)

    def test_previous_working_day(self):
        assert JAKARTA.previous_working_day(date(2025, 4, 8)) == date(2025, 3, 27)


@pytest.mark.parametrize(
    "office",
    [
        JAKARTA,
        OfficeCalendar(timezone="Asia/Jayapura", national_collective_leave=False),
        JAKARTA.with_days_off(
            collective_leave=[date(2026, 3, 25), date(2025, 12, 27)],
            closures=[date(2026, 3, 26), date(2027, 1, 4)],
        ),
    ],
)
def test_a_working_day_is_a_day_with_no_reason_to_be_off(office: OfficeCalendar):
    """`is_working_day` reads the year's days off as one set (the deadlines' hot path):
    it says what `day_off_reason` says, every day of four years."""
    day = date(2024, 1, 1)
    while day.year < 2028:
        assert office.is_working_day(day) is (office.day_off_reason(day) is None), day
        day += timedelta(days=1)


class TestAddWorkingDays:
    def test_a_calendar_given_a_closure_moves_its_deadlines(self):
        # Deadlines are kept per calendar: the old calendar's may not answer for the new.
        before = JAKARTA.add_working_days(date(2026, 6, 1), 3)
        closed = JAKARTA.with_days_off(closures=[date(2026, 6, 3)])
        assert before == date(2026, 6, 4)
        assert closed.add_working_days(date(2026, 6, 1), 3) == date(2026, 6, 5)
        assert closed.working_days_between(date(2026, 6, 1), date(2026, 6, 4)) == 2
        assert JAKARTA.add_working_days(date(2026, 6, 1), 3) == before

    def test_a_deadline_across_idul_fitri_2025(self):
        assert JAKARTA.add_working_days(date(2025, 3, 26), 2) == date(2025, 4, 8)
        assert JAKARTA.add_working_days(date(2025, 3, 26), 5) == date(2025, 4, 11)

    def test_a_deadline_across_the_2025_year_end(self):
        # 25 Dec holiday, 26 Dec leave, 1 Jan holiday.
        assert JAKARTA.add_working_days(date(2025, 12, 24), 1) == date(2025, 12, 29)
        assert JAKARTA.add_working_days(date(2025, 12, 24), 4) == date(2026, 1, 2)

    def test_a_deadline_across_christmas_2026(self):
        assert JAKARTA.add_working_days(date(2026, 12, 23), 1) == date(2026, 12, 28)

    def test_zero_and_negative(self):
        assert JAKARTA.add_working_days(date(2025, 3, 29), 0) == date(2025, 3, 29)
        assert JAKARTA.add_working_days(date(2025, 4, 8), -1) == date(2025, 3, 27)

    def test_thirty_working_days_from_a_date_before_lebaran_2026(self):
        # March 2026 loses 18 to 24 Mar; April loses Good Friday (3 Apr).
        due = JAKARTA.add_working_days(date(2026, 3, 2), 30)
        assert due == date(2026, 4, 21)
        assert JAKARTA.working_days_between(date(2026, 3, 2), due) == 30


class TestWorkingDaysBetween:
    def test_the_idul_fitri_2025_gap_counts_nothing(self):
        assert JAKARTA.working_days_between(date(2025, 3, 27), date(2025, 4, 7)) == 0
        assert JAKARTA.working_days_between(date(2025, 3, 27), date(2025, 4, 8)) == 1

    def test_across_the_year_end(self):
        # 29, 30, 31 Dec, 2 Jan and 5 Jan.
        assert JAKARTA.working_days_between(date(2025, 12, 24), date(2026, 1, 5)) == 5

    def test_reversed_and_equal(self):
        assert JAKARTA.working_days_between(date(2026, 1, 5), date(2025, 12, 24)) == -5
        assert JAKARTA.working_days_between(date(2026, 1, 5), date(2026, 1, 5)) == 0

    @pytest.mark.parametrize("start", [date(2025, 1, 1), date(2025, 3, 20), date(2025, 12, 20)])
    def test_agrees_with_counting_day_by_day(self, start: date):
        office = JAKARTA.with_days_off(closures=[date(2025, 4, 15)], collective_leave=[])
        for span in range(0, 400, 7):
            end = start + timedelta(days=span)
            naive = sum(
                office.is_working_day(start + timedelta(days=i)) for i in range(1, span + 1)
            )
            assert office.working_days_between(start, end) == naive, end

    def test_inverse_of_add_working_days(self):
        start = date(2025, 3, 14)
        for n in range(0, 260, 13):
            assert JAKARTA.working_days_between(start, JAKARTA.add_working_days(start, n)) == n


class TestTimeZones:
    def test_local_date_depends_on_the_office(self):
        instant = datetime(2026, 3, 17, 16, 30, tzinfo=UTC)  # 23:30 WIB, 00:30 WITA
        assert OfficeCalendar(timezone="Asia/Jakarta").local_date(instant) == date(2026, 3, 17)
        assert OfficeCalendar(timezone="Asia/Makassar").local_date(instant) == date(2026, 3, 18)
        assert OfficeCalendar(timezone="Asia/Jayapura").local_date(instant) == date(2026, 3, 18)

    def test_naive_instants_and_unknown_zones_are_refused(self):
        with pytest.raises(ValueError, match="naive"):
            JAKARTA.local_date(datetime(2026, 3, 17, 12, 0))
        with pytest.raises(ValueError, match="time zone"):
            OfficeCalendar(timezone="Asia/Atlantis")


def test_days_off_lists_the_lebaran_2026_break():
    off = dict(JAKARTA.days_off(date(2026, 3, 18), date(2026, 3, 24)))
    assert list(off) == [date(2026, 3, d) for d in range(18, 25)]
    assert off[date(2026, 3, 19)] == "Day of Silence"
