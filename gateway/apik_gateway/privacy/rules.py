"""The personal data protection law's duties as pure rules (UU 27/2022): who handles
the registers, the 3 x 24-hour clocks, and the steps a request and a breach go through.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Literal

from apik_shared.vocabulary.labels import Label

# The law counts hours, not working days: "3 x 24 jam" from receipt (a request) and
# from discovery (a breach), weekends and holidays included.
ANSWER_WITHIN = timedelta(hours=72)
NOTIFY_WITHIN = timedelta(hours=72)
# A moment "now" on the client's clock may be a little ahead of the server's.
CLOCK_SKEW = timedelta(minutes=2)

# The rights a data subject exercises against the office (UU 27/2022 art. 5-13):
# information, correction (completing, updating), access (and a copy), erasure (ending
# processing, deleting, destroying), withdrawal of consent, objection to decisions
# made by automated processing alone, restriction (delaying or limiting processing)
# and portability. Compensation (art. 12) is a court's matter, not a request.
RequestKind = Literal[
    "access",
    "correction",
    "erasure",
    "objection",
    "consent_withdrawal",
    "restriction",
    "portability",
    "information",
]
RequestStatus = Literal["received", "in_progress", "answered", "refused"]
# The steps an officer takes; a request never goes back to "received".
RequestStep = Literal["in_progress", "answered", "refused"]
# A refusal is an answer too: it says why (the law's exemptions, art. 15).
REQUEST_STEPS: dict[str, frozenset[str]] = {
    "received": frozenset({"in_progress", "answered", "refused"}),
    "in_progress": frozenset({"answered", "refused"}),
    "answered": frozenset(),
    "refused": frozenset(),
}
# The words of a request's statuses and kinds, said by the problems that name them.
REQUEST_STATUSES: Mapping[str, Label] = {
    "received": Label("Diterima", "Received"),
    "in_progress": Label("Sedang diproses", "In progress"),
    "answered": Label("Dijawab", "Answered"),
    "refused": Label("Ditolak", "Refused"),
}
REQUEST_KINDS: Mapping[str, Label] = {
    "access": Label("Akses", "Access"),
    "correction": Label("Perbaikan", "Correction"),
    "erasure": Label("Penghapusan", "Erasure"),
    "objection": Label("Keberatan", "Objection"),
    "consent_withdrawal": Label("Penarikan persetujuan", "Consent withdrawal"),
    "restriction": Label("Pembatasan pemrosesan", "Restriction"),
    "portability": Label("Portabilitas", "Portability"),
    "information": Label("Informasi", "Information"),
}
ANSWERING = frozenset({"answered", "refused"})
OPEN_REQUEST = frozenset({"received", "in_progress"})

# What a breach exposed. General personal data (art. 4(3)) and the office's own classes,
# then the specific classes (art. 4(2)) whose breach weighs more.
DataClass = Literal[
    "name",
    "identity_number",
    "contact",
    "address",
    "sex",
    "nationality",
    "religion",
    "marital_status",
    "complaint_content",
    "account_credentials",
    "health",
    "biometric",
    "genetic",
    "criminal_record",
    "children",
    "financial",
]
SPECIFIC_DATA = frozenset(
    {"health", "biometric", "genetic", "criminal_record", "children", "financial"}
)
BreachStatus = Literal["open", "contained", "closed", "dismissed"]
# The words of a breach's statuses, said by the problems that name them.
BREACH_STATUSES: Mapping[str, Label] = {
    "open": Label("Terbuka", "Open"),
    "contained": Label("Sudah ditangani", "Contained"),
    "closed": Label("Ditutup", "Closed"),
    "dismissed": Label("Bukan pelanggaran", "Dismissed"),
}
BREACH_STEPS: dict[str, frozenset[str]] = {
    "open": frozenset({"contained", "closed", "dismissed"}),
    "contained": frozenset({"closed", "dismissed"}),
    "closed": frozenset(),
    "dismissed": frozenset(),
}
# The authority (the PDP agency) and the subjects must be told (art. 46(1)); the public
# too in some cases (art. 46(3)).
Recipient = Literal["authority", "subjects", "public"]


def answer_due(received_at: datetime) -> datetime:
    return received_at + ANSWER_WITHIN


def notification_due(discovered_at: datetime) -> datetime:
    return discovered_at + NOTIFY_WITHIN


def in_the_future(moment: datetime, now: datetime) -> bool:
    return moment > now + CLOCK_SKEW


def request_overdue(status: str, due_at: datetime, now: datetime) -> bool:
    return status in OPEN_REQUEST and now > due_at


def breach_overdue(
    status: str,
    due_at: datetime,
    authority_notified_at: datetime | None,
    subjects_notified_at: datetime | None,
    now: datetime,
) -> bool:
    told = both_told(authority_notified_at, subjects_notified_at)
    return status != "dismissed" and not told and now > due_at


def both_told(
    authority_notified_at: datetime | None, subjects_notified_at: datetime | None
) -> bool:
    """Whether the authority and the subjects, whom the law requires told, both were."""
    return authority_notified_at is not None and subjects_notified_at is not None


def request_step_allowed(current: str, wanted: str) -> bool:
    return wanted in REQUEST_STEPS.get(current, frozenset())


def breach_step_allowed(current: str, wanted: str) -> bool:
    return wanted in BREACH_STEPS.get(current, frozenset())


# --- the access export ----------------------------------------------------------------

# The kinds whose answer is the subject's data: an access request, and portability (the
# same data, handed over to take elsewhere).
EXPORTABLE = frozenset({"access", "portability"})
