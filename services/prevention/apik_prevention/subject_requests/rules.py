"""Data-subject requests' kinds, statuses and deadline (pure).

The deadline's legal basis: UU 27/2022 on personal data protection (*Pelindungan Data
Pribadi*) gives the controller "paling lambat 3 x 24 (tiga kali dua puluh empat) jam"
from receipt to act on the data subject's request to access and to correct their data
(and to stop processing when consent is withdrawn); the office holds erasure to the same
deadline rather than keep a second clock. It is counted in clock hours from receipt, as
the gateway's register and the internship's alumni requests count it, and it is the
setting `APIK_SUBJECT_REQUEST_DEADLINE_HOURS` (default `LEGAL_DEADLINE_HOURS`): an
implementing regulation may shorten it, nothing may lengthen it past the law's.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from enum import StrEnum

from apik_shared.vocabulary.labels import Label

LEGAL_DEADLINE_HOURS = 72  # UU 27/2022: 3 x 24 hours


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


# The words of a request's statuses, said by the problems that name them.
STATUSES: Mapping[str, Label] = {
    RequestStatus.received: Label("Diterima", "Received"),
    RequestStatus.answered: Label("Dijawab", "Answered"),
    RequestStatus.refused: Label("Ditolak", "Refused"),
}


def due(received_at: datetime, hours: int = LEGAL_DEADLINE_HOURS) -> datetime:
    return received_at + timedelta(hours=hours)


def overdue(status: RequestStatus, due_at: datetime, now: datetime) -> bool:
    """Still open at or after its deadline."""
    return status is RequestStatus.received and now >= due_at


class Step(StrEnum):
    """What the prevention unit may do to a request now, as the screens offer it."""

    answer = "answer"  # answered: what it asked is done (an access request's export)
    refuse = "refuse"  # refused, with the reason


def allowed_steps(status: str, kind: str, *, erased: bool) -> list[Step]:
    """The steps the answer route would accept now (only the prevention unit reads
    requests at all): a received request is answered or refused, once; a correction
    about a person erased since it was received can only be refused, nothing being left
    to correct."""
    if RequestStatus(status) is not RequestStatus.received:
        return []
    if erased and RequestKind(kind) is RequestKind.correction:
        return [Step.refuse]
    return [Step.answer, Step.refuse]
