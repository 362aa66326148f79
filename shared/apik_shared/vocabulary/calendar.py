"""Working days of an Indonesian office: Monday to Friday minus holidays and days off.

National holidays (*hari libur nasional*) come from the `holidays` package's `public`
category for Indonesia. The collective leave of civil servants (*cuti bersama*), which the
government announces every year by joint decree of three ministers (SKB 3 Menteri), comes
from the same package's `government` category: its maintainers track each decree and its
later amendments (references in `holidays/countries/indonesia.py`). An office that does
not follow the civil-service leave (a private complaint desk) sets
`national_collective_leave=False`. Each office adds its own data on top: extra
collective-leave days the package does not know yet (a decree amended late in the year)
and closures (a local holiday, an office move, a disaster).

Date arithmetic is on the office's local dates: an instant becomes a date in the office's
time zone (WIB, WITA or WIT) before any counting, so a report filed at 23:30 WITA counts
on that day, not on the next UTC day.

Conventions, so every component counts the same way:
- `add_working_days(d, n)` is the n-th working day after `d` (`d` itself not counted): a
  deadline of "5 working days from receipt".
- `working_days_between(a, b)` counts the working days in `(a, b]`, so
  `working_days_between(d, add_working_days(d, n)) == n`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_TIMEZONE = "Asia/Jakarta"
# The three Indonesian time zones; other IANA names are accepted too (an office abroad).
INDONESIAN_TIMEZONES = ("Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura")
SATURDAY, SUNDAY = 5, 6


@lru_cache(maxsize=256)
def _package_days(year: int, category: str) -> dict[date, str]:
    # Imported on first use, not at the top: `holidays` costs ~0.17 CPU-s to import and
    # every service imported it at start (tests/shared/test_lazy_imports.py checks).
    import holidays

    calendar = holidays.country_holidays("ID", years=year, categories=(category,))
    return dict(calendar.items())


def national_holidays(year: int) -> dict[date, str]:
    """The national holidays of `year`, by date, with their names."""
    return _package_days(year, "public")


def national_collective_leave(year: int) -> dict[date, str]:
    """The civil servants' collective-leave days (cuti bersama) of `year`."""
    return _package_days(year, "government")


@dataclass(frozen=True)
class OfficeCalendar:
    """The working-day calendar of one office. Immutable: build a new one when data change."""

    timezone: str = DEFAULT_TIMEZONE
    national_collective_leave: bool = True
    # Days off the office configures itself (dates in its own time zone).
    collective_leave: frozenset[date] = field(default_factory=frozenset)
    closures: frozenset[date] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {self.timezone!r}") from exc
        # Accept any iterable from callers (lists from JSON settings) and keep sets.
        object.__setattr__(self, "collective_leave", frozenset(self.collective_leave))
        object.__setattr__(self, "closures", frozenset(self.closures))

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def local_date(self, instant: datetime) -> date:
        """The office's calendar date at `instant` (which must be time-zone aware)."""
        if instant.tzinfo is None:
            raise ValueError("a naive datetime has no place in an office's calendar")
        return instant.astimezone(self.zone).date()

    def day_off_reason(self, day: date) -> str | None:
        """Why `day` is not a working day (None when it is one)."""
        if day.weekday() in (SATURDAY, SUNDAY):
            return "weekend"
        if name := national_holidays(day.year).get(day):
            return name
        if self.national_collective_leave and (
            name := national_collective_leave(day.year).get(day)
        ):
            return name
        if day in self.collective_leave:
            return "collective leave (office)"
        if day in self.closures:
            return "office closed"
        return None

    def is_working_day(self, day: date) -> bool:
        # `day_off_reason(day) is None`, with the year's days off as one set: this runs
        # for every day a deadline spans (a case's SLA clock walks months of them).
        return day.weekday() < SATURDAY and day not in _weekday_days_off(self, day.year)

    def next_working_day(self, day: date, *, include_today: bool = False) -> date:
        current = day if include_today else day + timedelta(days=1)
        while not self.is_working_day(current):
            current += timedelta(days=1)
        return current

    def previous_working_day(self, day: date, *, include_today: bool = False) -> date:
        current = day if include_today else day - timedelta(days=1)
        while not self.is_working_day(current):
            current -= timedelta(days=1)
        return current

    def add_working_days(self, day: date, n: int) -> date:
        """The n-th working day after `day` (before it when n < 0); `day` for n == 0."""
        return _add_working_days(self, day, n)

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in `(start, end]`; negative when `end` is before `start`."""
        if end < start:
            return -self.working_days_between(end, start)
        return _working_days_between(self, start, end)

    def days_off(self, start: date, end: date) -> list[tuple[date, str]]:
        """Every day off in `[start, end]` with its reason, for display."""
        out: list[tuple[date, str]] = []
        current = start
        while current <= end:
            if (reason := self.day_off_reason(current)) is not None:
                out.append((current, reason))
            current += timedelta(days=1)
        return out

    def with_days_off(
        self, *, collective_leave: Iterable[date] = (), closures: Iterable[date] = ()
    ) -> OfficeCalendar:
        return OfficeCalendar(
            timezone=self.timezone,
            national_collective_leave=self.national_collective_leave,
            collective_leave=self.collective_leave | frozenset(collective_leave),
            closures=self.closures | frozenset(closures),
        )


# Calendars are immutable values (equal data, equal calendar), so what they compute can be
# kept: a backlog of handoffs opens thousands of cases on a few offices' calendars, each
# clock walking its deadlines day by day (most of examination's CPU per case otherwise).
@lru_cache(maxsize=256)
def _weekday_days_off(calendar: OfficeCalendar, year: int) -> frozenset[date]:
    """The calendar's days off of `year` that fall on a weekday (weekends count apart)."""
    days: set[date] = set(national_holidays(year))
    if calendar.national_collective_leave:
        days |= set(national_collective_leave(year))
    days |= {d for d in calendar.collective_leave | calendar.closures if d.year == year}
    return frozenset(d for d in days if d.weekday() < SATURDAY)


@lru_cache(maxsize=4096)
def _add_working_days(calendar: OfficeCalendar, day: date, n: int) -> date:
    current = day
    step = calendar.next_working_day if n >= 0 else calendar.previous_working_day
    for _ in range(abs(n)):
        current = step(current)
    return current


@lru_cache(maxsize=4096)
def _working_days_between(calendar: OfficeCalendar, start: date, end: date) -> int:
    weekdays = _weekdays_in(start, end)
    off = sum(
        1
        for year in range(start.year, end.year + 1)
        for d in _weekday_days_off(calendar, year)
        if start < d <= end
    )
    return weekdays - off


def _dates_in_indonesia(now: datetime | None) -> list[date]:
    instant = datetime.now(UTC) if now is None else now
    if instant.tzinfo is None:
        raise ValueError("a naive datetime is no instant: give its time zone")
    return [instant.astimezone(ZoneInfo(zone)).date() for zone in INDONESIAN_TIMEZONES]


# Bounds for checks that know no office (a request body's validation): at any instant the
# dates of Indonesia's offices span at most two days, from WIB (Asia/Jakarta, UTC+7) in
# the west to WIT (Asia/Jayapura, UTC+9) in the east. A date is "in the future" for every
# office only when it is after the easternmost date, and "passed already" for every office
# only when it is before the westernmost one; the server's own (UTC) date is neither, and
# would refuse an office's today from 00:00 to 07:00 WIB. Where the office is known, its
# exact date is `OfficeCalendar.local_date`.
def latest_date_in_indonesia(now: datetime | None = None) -> date:
    """The latest calendar date of any Indonesian time zone at `now` (WIT's; default: now)."""
    return max(_dates_in_indonesia(now))


def earliest_date_in_indonesia(now: datetime | None = None) -> date:
    """The earliest calendar date of any Indonesian time zone at `now` (WIB's; default: now)."""
    return min(_dates_in_indonesia(now))


def _weekdays_in(start: date, end: date) -> int:
    """Monday-to-Friday days in `(start, end]`, in constant time."""
    total = (end - start).days
    full_weeks, rest = divmod(total, 7)
    count = full_weeks * 5
    first = start.weekday()
    for offset in range(1, rest + 1):
        if (first + offset) % 7 < SATURDAY:
            count += 1
    return count
