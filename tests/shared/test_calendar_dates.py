"""The bounds of Indonesia's dates at an instant: WIT's date is the latest, WIB's the earliest.

Worked instants (WIB = UTC+7, WITA = UTC+8, WIT = UTC+9, none with summer time):
- 2026-03-01 14:59 UTC: 21:59 WIB, 22:59 WITA, 23:59 WIT, all 1 March.
- 2026-03-01 15:00 UTC: 22:00 WIB and 23:00 WITA on 1 March, 00:00 WIT on 2 March.
- 2026-03-01 16:30 UTC: 23:30 WIB on 1 March; 00:30 WITA and 01:30 WIT on 2 March.
- 2026-03-01 17:00 UTC: 00:00 WIB on 2 March; every office is on 2 March.
- 2026-03-01 23:30 UTC: 06:30 WIB, 07:30 WITA, 08:30 WIT, all 2 March while UTC's date
  is still 1 March (the hours in which the server's date refused an office's today).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from apik_shared.vocabulary.calendar import (
    INDONESIAN_TIMEZONES,
    OfficeCalendar,
    earliest_date_in_indonesia,
    latest_date_in_indonesia,
)

MARCH_1, MARCH_2 = date(2026, 3, 1), date(2026, 3, 2)


@pytest.mark.parametrize(
    ("instant", "earliest", "latest"),
    [
        (datetime(2026, 3, 1, 14, 59, tzinfo=UTC), MARCH_1, MARCH_1),
        (datetime(2026, 3, 1, 15, 0, tzinfo=UTC), MARCH_1, MARCH_2),
        (datetime(2026, 3, 1, 16, 30, tzinfo=UTC), MARCH_1, MARCH_2),
        (datetime(2026, 3, 1, 16, 59, 59, tzinfo=UTC), MARCH_1, MARCH_2),
        (datetime(2026, 3, 1, 17, 0, tzinfo=UTC), MARCH_2, MARCH_2),
        (datetime(2026, 3, 1, 23, 30, tzinfo=UTC), MARCH_2, MARCH_2),
        # New Year's Eve: Papua is in 2027 while Java still is in 2026.
        (datetime(2026, 12, 31, 15, 0, tzinfo=UTC), date(2026, 12, 31), date(2027, 1, 1)),
        (datetime(2026, 12, 31, 17, 0, tzinfo=UTC), date(2027, 1, 1), date(2027, 1, 1)),
    ],
)
def test_the_bounds_at_fixed_instants(instant, earliest, latest):
    assert earliest_date_in_indonesia(instant) == earliest
    assert latest_date_in_indonesia(instant) == latest


def test_an_instant_given_in_another_zone_is_the_same_instant():
    # 23:30 WIB on 1 March is 16:30 UTC: 01:30 WIT on 2 March.
    late_evening = datetime(2026, 3, 1, 23, 30, tzinfo=ZoneInfo("Asia/Jakarta"))
    assert (earliest_date_in_indonesia(late_evening), latest_date_in_indonesia(late_evening)) == (
        MARCH_1,
        MARCH_2,
    )
    # 06:30 WIB on 2 March is 23:30 UTC on 1 March.
    morning = datetime(2026, 3, 2, 6, 30, tzinfo=ZoneInfo("Asia/Jakarta"))
    assert morning.astimezone(UTC).date() == MARCH_1
    assert earliest_date_in_indonesia(morning) == latest_date_in_indonesia(morning) == MARCH_2


def test_the_bounds_are_the_dates_of_jakarta_and_jayapura_all_day_long():
    wib, wit = OfficeCalendar("Asia/Jakarta"), OfficeCalendar("Asia/Jayapura")
    start = datetime(2026, 11, 24, tzinfo=UTC)
    for minutes in range(0, 2 * 24 * 60, 15):
        instant = start + timedelta(minutes=minutes)
        assert earliest_date_in_indonesia(instant) == wib.local_date(instant), instant
        assert latest_date_in_indonesia(instant) == wit.local_date(instant), instant
        dates = {OfficeCalendar(zone).local_date(instant) for zone in INDONESIAN_TIMEZONES}
        assert min(dates) == earliest_date_in_indonesia(instant)
        assert max(dates) == latest_date_in_indonesia(instant)


def test_without_an_instant_the_bounds_are_of_now():
    before = datetime.now(UTC)
    earliest, latest = earliest_date_in_indonesia(), latest_date_in_indonesia()
    after = datetime.now(UTC)
    assert earliest in {earliest_date_in_indonesia(before), earliest_date_in_indonesia(after)}
    assert latest in {latest_date_in_indonesia(before), latest_date_in_indonesia(after)}
    assert timedelta(0) <= latest - earliest <= timedelta(days=1)


def test_a_naive_datetime_is_refused():
    with pytest.raises(ValueError, match="naive"):
        latest_date_in_indonesia(datetime(2026, 3, 1, 12, 0))
    with pytest.raises(ValueError, match="naive"):
        earliest_date_in_indonesia(datetime(2026, 3, 1, 12, 0))
