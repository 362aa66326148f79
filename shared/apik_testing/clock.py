"""Where an end-to-end run's internship stands in time: the real processes cannot be
given a clock, so the service's attendance and logbook are moved (`APIK_CLOCK_OFFSET_SECONDS`)
to noon of a working day, whatever day the suite runs on."""

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


def working_noon_offset(timezone: str, now: datetime | None = None) -> float:
    """Seconds from now to `working_noon`, for `APIK_CLOCK_OFFSET_SECONDS`."""
    now = now or datetime.now(UTC)
    return (working_noon(timezone, now) - now).total_seconds()
