"""Attendance (pure): the rotating code shown at the office, and the monthly recap.

**The code.** Like TOTP (RFC 6238): time is cut into windows of `seconds`; the code of a
window is an HMAC-SHA256 of the office and the window's number under the office's own
secret, truncated to six digits. The office screen shows it as a QR code and as digits;
an intern scans the QR or types the digits (the fallback Moodle's users asked for), and
both are the same code. A code is accepted in its own window and in the `grace`
windows after it (time to type it in, a clock a little behind); an older one is expired
and refused. Only someone in the office sees the screen, so a check-in shows presence.

**The recap.** Expected days are the office's working days (`OfficeCalendar`: weekends,
national holidays, *cuti bersama*, the office's own closures off) within both the month
and the intern's own period, up to the day the recap is made. A day off is never
expected, so it is never an absence; a day with leave or sick leave is excused; an
expected day without attendance or excuse is an absence. Hours are the time between
check-in and check-out; a day checked in but never out counts as present with no hours
(`open_days`), so an unfinished day does not add invented hours.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum

from apik_shared.vocabulary.calendar import OfficeCalendar

DIGITS = 6


class AbsenceKind(StrEnum):
    leave = "leave"  # izin
    sick = "sick"  # sakit


def office_secret(secret_key: str, office: str) -> bytes:
    """The office's own code secret, derived from the service's key: one office's
    screen says nothing about another's codes."""
    return hmac.new(
        hashlib.sha256(b"apik-attendance:" + secret_key.encode()).digest(),
        office.encode(),
        hashlib.sha256,
    ).digest()


def window_of(instant: datetime, seconds: int) -> int:
    return int(instant.timestamp()) // seconds


def code_for(secret: bytes, office: str, window: int) -> str:
    """The six digits of `window` (RFC 4226's dynamic truncation of the HMAC)."""
    digest = hmac.new(secret, f"{office}:{window}".encode(), hashlib.sha256).digest()
    offset = digest[-1] & 0x0F
    number = int.from_bytes(digest[offset : offset + 4], "big") & 0x7FFFFFFF
    return str(number % 10**DIGITS).zfill(DIGITS)


def normalised(code: str) -> str:
    """The digits of a typed or scanned code (`MORI-ATT:KAB:123 456` → `123456`)."""
    return "".join(ch for ch in code.rsplit(":", 1)[-1] if ch.isdigit())


def code_valid(
    secret: bytes, office: str, code: str, now: datetime, *, seconds: int, grace: int
) -> bool:
    """Whether `code` is the code of the current window or of one of the `grace`
    windows before it; compared in constant time."""
    typed = normalised(code)
    current = window_of(now, seconds)
    return any(
        hmac.compare_digest(typed, code_for(secret, office, current - back))
        for back in range(grace + 1)
    )


def valid_until(now: datetime, seconds: int) -> datetime:
    """When the current window ends (the screen shows the next code then)."""
    return datetime.fromtimestamp((window_of(now, seconds) + 1) * seconds, UTC)


@dataclass(frozen=True)
class Day:
    """One day's attendance: checked in, and out (None: not yet)."""

    checked_in: datetime
    checked_out: datetime | None


def hours_of(day: Day) -> float:
    if day.checked_out is None or day.checked_out <= day.checked_in:
        return 0.0
    return (day.checked_out - day.checked_in).total_seconds() / 3600


@dataclass(frozen=True)
class Recap:
    expected_days: int
    present_days: int
    open_days: int  # checked in, never out
    leave_days: int
    sick_days: int
    absent_days: int
    hours: float


def month_bounds(month: date) -> tuple[date, date]:
    first = month.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following - timedelta(days=1)


def recap(
    calendar: OfficeCalendar,
    month: date,
    period: tuple[date, date],
    days: Mapping[date, Day],
    absences: Mapping[date, AbsenceKind],
    today: date,
) -> Recap:
    """An intern's month, counted as this module's docstring says; `today` itself is
    expected (the day is not over, but it is a working day the intern should come)."""
    first, last = month_bounds(month)
    start, end = max(first, period[0]), min(last, period[1], today)
    expected: list[date] = []
    current = start
    while current <= end:
        if calendar.is_working_day(current):
            expected.append(current)
        current += timedelta(days=1)
    in_month = {d: v for d, v in days.items() if first <= d <= last}
    excused = {d: k for d, k in absences.items() if first <= d <= last and d not in in_month}
    absent = [
        d
        for d in expected
        if d not in in_month and d not in excused and d < today  # today may still come
    ]
    return Recap(
        expected_days=len(expected),
        present_days=len(in_month),
        open_days=sum(1 for v in in_month.values() if v.checked_out is None),
        leave_days=sum(1 for k in excused.values() if k is AbsenceKind.leave),
        sick_days=sum(1 for k in excused.values() if k is AbsenceKind.sick),
        absent_days=len(absent),
        hours=round(sum(hours_of(v) for v in in_month.values()), 2),
    )
