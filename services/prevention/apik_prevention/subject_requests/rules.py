"""Data-subject requests' kinds, statuses and deadline (pure).

UU 27/2022 gives the controller 3 x 24 hours to honour a request of access, correction
or erasure; the deadline is counted in clock hours from receipt, as the gateway's
register and the internship's alumni requests count it.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

DEADLINE = timedelta(hours=72)


class Subject(StrEnum):
    community_member = "community_member"
    focal_point = "focal_point"


class RequestKind(StrEnum):
    access = "access"
    correction = "correction"
    erasure = "erasure"


class RequestStatus(StrEnum):
    received = "received"
    answered = "answered"
    refused = "refused"


def due(received_at: datetime) -> datetime:
    return received_at + DEADLINE


def overdue(status: RequestStatus, due_at: datetime, now: datetime) -> bool:
    """Still open at or after its deadline."""
    return status is RequestStatus.received and now >= due_at
