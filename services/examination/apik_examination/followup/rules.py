"""After the final report (LHP): the reporter's response and the recommendation (pure).

The move to resolution and monitoring is `closure.rules.in_monitoring`, beside the
corrective actions it reads.
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum


class Stance(StrEnum):
    """What the reporter says of the final report (tanggapan pelapor)."""

    agrees = "agrees"  # menerima
    objects = "objects"  # keberatan
    other = "other"  # lainnya


class Implementation(StrEnum):
    """What a report on a recommendation says was done."""

    implemented = "implemented"  # dilaksanakan
    partly = "partly"  # dilaksanakan sebagian
    not_implemented = "not_implemented"  # tidak dilaksanakan


def response_late(*, received_on: date, until: date) -> bool:
    """A response received after `until` (the LHP's day + 14 days) is late.

    Late is recorded, never refused: the letter exists and its objection may still
    matter to the case; the flag tells the office it came after the time the law gives.
    """
    return received_on > until


def recommendation_due(*, received_on: date, days: int) -> date:
    """The last day for the agency's superior to report on a recommendation's
    implementation: `days` calendar days (60 by UU 37/2008 art. 38(2)) from the day the
    agency received it. Calendar days: the article counts days, not working days."""
    return received_on + timedelta(days=days)


def recommendation_overdue(*, due_on: date | None, reported: bool, today: date) -> bool:
    """Past its deadline without an implementation report (none due before receipt)."""
    return due_on is not None and not reported and today > due_on


def report_late(*, received_on: date, due_on: date | None) -> bool:
    """A report on a recommendation received after its deadline (recorded all the same)."""
    return due_on is not None and received_on > due_on
