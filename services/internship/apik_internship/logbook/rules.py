"""The logbook (pure): an entry's life, and which days and entries need a reminder.

An entry is written by the intern for one day of their period, up to today; the
supervisor approves it or returns it with a comment; a returned entry is rewritten and
submitted again; an approved one is final (MBKM's logbook is signed off by the field
supervisor: what was approved is what is printed).

Reminders: a **missing day** is a working day of the office within the intern's period,
before today and within the look-back, without an entry (a day off needs none; a
leave or sick day is excused); an **entry waiting** is one submitted at least
`approval_days` working days ago and still not reviewed.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import date, timedelta
from enum import StrEnum

from apik_shared.vocabulary.calendar import OfficeCalendar
from apik_shared.vocabulary.labels import Label


class EntryStatus(StrEnum):
    submitted = "submitted"
    approved = "approved"
    returned = "returned"


# The words of an entry's statuses, said by the problems that name them.
STATUSES: Mapping[str, Label] = {
    EntryStatus.submitted: Label("Menunggu persetujuan", "Waiting for approval"),
    EntryStatus.approved: Label("Disetujui", "Approved"),
    EntryStatus.returned: Label("Dikembalikan untuk diperbaiki", "Returned for correction"),
}


class Decision(StrEnum):
    approve = "approve"
    return_ = "return"


def writable(status: EntryStatus | None) -> bool:
    """Whether the intern may (re)write the entry: new, waiting, or returned."""
    return status is not EntryStatus.approved


def reviewed(status: EntryStatus, decision: Decision) -> EntryStatus | None:
    """The status after the supervisor's decision; None when the entry is not waiting."""
    if status is not EntryStatus.submitted:
        return None
    return EntryStatus.approved if decision is Decision.approve else EntryStatus.returned


def missing_days(
    calendar: OfficeCalendar,
    period: tuple[date, date],
    today: date,
    lookback_days: int,
    written: Collection[date],
    excused: Collection[date],
) -> list[date]:
    """The working days of the period in [today - lookback, today) without an entry or
    an excuse, oldest first."""
    start = max(period[0], today - timedelta(days=lookback_days))
    end = min(period[1], today - timedelta(days=1))
    out = []
    current = start
    while current <= end:
        if calendar.is_working_day(current) and current not in written and current not in excused:
            out.append(current)
        current += timedelta(days=1)
    return out


def waiting_too_long(
    calendar: OfficeCalendar, submitted_on: date, today: date, approval_days: int
) -> bool:
    """Whether an entry submitted on `submitted_on` has waited `approval_days` working
    days or more by `today` (`working_days_between` counts (submitted_on, today])."""
    return calendar.working_days_between(submitted_on, today) >= approval_days
