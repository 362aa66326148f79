"""What a prevention report covers and how it counts (pure): the period (a year or one of
its quarters, in the office's own calendar), the follow-up rate, and when an agreement is
in force."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

ROMAN = ("I", "II", "III", "IV")
# An agreement in force at the period's end whose end date comes within these days after
# it is listed as expiring (the widest of the agreements job's reminders, issue 19).
EXPIRING_WITHIN_DAYS = 90


@dataclass(frozen=True)
class Period:
    year: int
    quarter: int | None = None  # 1-4; None: the whole year

    @property
    def first(self) -> date:
        return date(self.year, 1 if self.quarter is None else 3 * self.quarter - 2, 1)

    @property
    def last(self) -> date:
        if self.quarter is None or self.quarter == 4:
            return date(self.year, 12, 31)
        return date(self.year, 3 * self.quarter + 1, 1) - timedelta(days=1)

    def holds(self, day: date | None) -> bool:
        return day is not None and self.first <= day <= self.last

    @property
    def title(self) -> str:
        """`Tahun 2025`, `Triwulan III Tahun 2025`."""
        if self.quarter is None:
            return f"Tahun {self.year}"
        return f"Triwulan {ROMAN[self.quarter - 1]} Tahun {self.year}"

    @property
    def slug(self) -> str:
        """For file names: `2025`, `2025-q3`."""
        return str(self.year) if self.quarter is None else f"{self.year}-q{self.quarter}"

    @property
    def kind(self) -> str:
        return "tahunan" if self.quarter is None else "triwulanan"


def rate(part: int, whole: int) -> float | None:
    """part / whole in percent, one decimal; None when whole is 0."""
    return round(100 * part / whole, 1) if whole else None


def in_force_on(
    day: date,
    *,
    starts_on: date,
    ends_on: date,
    activated_on: date | None,
    ended_on: date | None,
) -> bool:
    """Whether an agreement was in force on `day`: activated by then, within its term,
    and not ended (expired or terminated) on or before it."""
    if activated_on is None or activated_on > day:
        return False
    if not starts_on <= day <= ends_on:
        return False
    return ended_on is None or ended_on > day


def expiring_soon(day: date, ends_on: date) -> bool:
    """An agreement in force on `day` whose end comes within `EXPIRING_WITHIN_DAYS`."""
    return ends_on <= day + timedelta(days=EXPIRING_WITHIN_DAYS)
