"""Logbook rules on days worked out by hand (May 2025: holidays on 1, 12 and 29, cuti
bersama on 13 and 30)."""

from __future__ import annotations

from datetime import date

from apik_internship.logbook.rules import (
    Decision,
    EntryStatus,
    missing_days,
    reviewed,
    waiting_too_long,
    writable,
)
from apik_shared.vocabulary.calendar import OfficeCalendar

WIB = OfficeCalendar()


def may(day: int) -> date:
    return date(2025, 5, day)


def test_missing_days_skip_days_off_written_and_excused_days_and_today():
    # Today Fri 16 May, look back 7 days: from Fri 9. Working days 9, 14, 15 (10-11
    # weekend, 12 Vesak, 13 cuti bersama); 16 is today. Written: 14; excused: 9.
    assert missing_days(WIB, (may(1), may(31)), may(16), 7, {may(14)}, {may(9)}) == [may(15)]
    # Nothing before the period's start.
    assert missing_days(WIB, (may(15), may(31)), may(16), 7, set(), set()) == [may(15)]
    # Nothing after its end.
    assert missing_days(WIB, (may(1), may(8)), may(16), 14, set(), set()) == [
        may(2),
        may(5),
        may(6),
        may(7),
        may(8),
    ]


def test_an_entry_waits_in_working_days():
    # Submitted Fri 9 May: by Wed 14 one working day has passed (12 and 13 off), by
    # Thu 15 two.
    assert not waiting_too_long(WIB, may(9), may(14), 2)
    assert waiting_too_long(WIB, may(9), may(15), 2)


def test_only_a_waiting_entry_is_reviewed_and_only_an_approved_one_is_final():
    assert reviewed(EntryStatus.submitted, Decision.approve) is EntryStatus.approved
    assert reviewed(EntryStatus.submitted, Decision.return_) is EntryStatus.returned
    assert reviewed(EntryStatus.returned, Decision.approve) is None
    assert reviewed(EntryStatus.approved, Decision.return_) is None
    assert writable(None) and writable(EntryStatus.returned) and writable(EntryStatus.submitted)
    assert not writable(EntryStatus.approved)
