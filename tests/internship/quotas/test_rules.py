"""Quotas per period and unit, worked by hand (`apik_internship.quotas.rules`)."""

from __future__ import annotations

from datetime import date

import pytest

from apik_internship.quotas.rules import full_months, months_touched, taken_per_month

JAN, FEB, MAR, APR = (date(2027, m, 1) for m in (1, 2, 3, 4))


def test_a_period_touches_every_month_from_its_first_day_to_its_last():
    # 15 Jan - 14 Mar: on some day of January, February and March the intern is there.
    assert months_touched(date(2027, 1, 15), date(2027, 3, 14)) == [JAN, FEB, MAR]
    # One day is one month; the last day of a month does not reach the next.
    assert months_touched(date(2027, 1, 31), date(2027, 1, 31)) == [JAN]
    # Across a year-end: 1 Dec 2026 - 31 Jan 2027 is December and January.
    assert months_touched(date(2026, 12, 1), date(2027, 1, 31)) == [date(2026, 12, 1), JAN]
    with pytest.raises(ValueError):
        months_touched(date(2027, 2, 1), date(2027, 1, 31))


def test_places_taken_count_each_accepted_period_in_each_month_it_touches():
    accepted = [
        (date(2027, 1, 1), date(2027, 1, 31)),  # January only
        (date(2027, 1, 20), date(2027, 2, 10)),  # January and February
        (date(2027, 3, 1), date(2027, 5, 31)),  # March to May
    ]
    # January: the first two (2); February: the second (1); March: the third (1).
    assert taken_per_month(accepted, [JAN, FEB, MAR, APR]) == {JAN: 2, FEB: 1, MAR: 1, APR: 1}


def test_an_internship_fits_when_every_month_of_it_has_a_free_place():
    places = {JAN: 2, FEB: 1, MAR: 1}
    accepted = [(date(2027, 1, 5), date(2027, 2, 5))]  # one place taken in Jan and Feb
    # Jan: 2 places - 1 taken = 1 free; Feb: 1 - 1 = 0 free; Mar: 1 - 0 = 1 free.
    full = full_months(date(2027, 1, 10), date(2027, 3, 10), places, accepted)
    assert [(m.month, m.places, m.taken) for m in full] == [(FEB, 1, 1)]
    # The same unit takes a January-only internship: Jan has 1 free.
    assert full_months(date(2027, 1, 10), date(2027, 1, 20), places, accepted) == []


def test_a_month_without_a_quota_has_no_place():
    # April was never given a quota: 0 places, 0 taken, 0 free, so April is full.
    full = full_months(date(2027, 3, 20), date(2027, 4, 5), {MAR: 3}, [])
    assert [(m.month, m.places, m.free) for m in full] == [(APR, 0, 0)]


def test_a_quota_lowered_below_what_is_accepted_stays_full_not_negative():
    # 3 accepted in January, the quota later lowered to 2: free is 0, not -1.
    accepted = [(date(2027, 1, d), date(2027, 1, d + 1)) for d in (1, 10, 20)]
    [load] = full_months(date(2027, 1, 25), date(2027, 1, 26), {JAN: 2}, accepted)
    assert (load.places, load.taken, load.free) == (2, 3, 0)
