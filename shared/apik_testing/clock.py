"""Where an end-to-end run's internship stands in time: the real processes cannot be
given a clock, so the service's attendance and logbook are moved (`APIK_CLOCK_OFFSET_SECONDS`)
to noon of a working day, whatever day the suite runs on.

The browser that drives the web app runs on the real clock, and a page takes "today" in
its office's zone: the service's day must never be before it, or the intern's logbook
for today is refused as a future day. So the day is WIT's, Indonesia's easternmost zone,
whose day begins first: with WIB's, between 16:00 and 17:00 UTC a WITA office's page
already showed tomorrow while the service still stood at noon of today."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from apik_shared.vocabulary.calendar import OfficeCalendar


def working_noon(timezone: str, now: datetime | None = None) -> datetime:
    """Noon of today, or of the next working day when today is not one (national holidays
    and *cuti bersama* counted, the strictest calendar an office can have)."""
    now = now or datetime.now(UTC)
    zone = ZoneInfo(timezone)
    today: date = now.astimezone(zone).date()
    day = OfficeCalendar(timezone=timezone).next_working_day(today, include_today=True)
    return datetime.combine(day, time(12), tzinfo=zone)


# Indonesia's easternmost zone: no office's day begins before its own.
EASTERNMOST = "Asia/Jayapura"


def suite_clock_offset(now: datetime | None = None) -> float:
    """`APIK_CLOCK_OFFSET_SECONDS` of the end-to-end stack: to noon of a working day in
    WIT (11:00 WITA, 10:00 WIB: working hours in every zone)."""
    return working_noon_offset(EASTERNMOST, now)


def working_noon_offset(timezone: str, now: datetime | None = None) -> float:
    """Seconds from now to `working_noon`, for `APIK_CLOCK_OFFSET_SECONDS`."""
    now = now or datetime.now(UTC)
    return (working_noon(timezone, now) - now).total_seconds()
