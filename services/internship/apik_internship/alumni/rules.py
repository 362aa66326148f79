"""Who sees what of an alumnus, the magic link, and the deadline of their requests (pure).

**Fields**: name, address, institution and network (where they work now, how the
network reaches them), plus the email the office sends the magic link to (never shown
beyond the register's keepers). The alumnus consents per field, and chooses one
visibility for the record:

- `hidden`: only the register's keepers (`APIK_APPLICANT_ROLES`, the intern
  supervisors) see it, to keep it and answer requests;
- `office`: the office's other staff (head, analysts) also see the consented fields;
- `public`: the consented fields are also listed in the office's public directory.

Keepers see everything (each read audited). Other staff see a field only when it is
consented and the record is `office` or `public`, masked otherwise. The public sees
`public` records' consented fields, and a record without a consented name not at all.

**Magic link**: 256 random bits, only its keyed hash kept; it expires after
`APIK_ALUMNI_LINK_HOURS` and is single-use: reading the record with it spends nothing,
the first change made with it (an update or a request) spends it.

**Requests** (access, correction, erasure): due `APIK_ALUMNI_REQUEST_HOURS` after they
arrive (72: UU 27/2022 gives 3 x 24 hours, counted in clock hours as the gateway's
register does).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Mapping
from datetime import datetime, timedelta
from enum import StrEnum

from apik_shared.vocabulary.labels import Label
from apik_shared.vocabulary.masking import mask_text

FIELDS = ("name", "address", "institution", "network")


class Visibility(StrEnum):
    hidden = "hidden"
    office = "office"
    public = "public"


class Audience(StrEnum):
    keeper = "keeper"
    staff = "staff"
    public = "public"


class RequestKind(StrEnum):
    access = "access"
    correction = "correction"
    erasure = "erasure"


class RequestStatus(StrEnum):
    received = "received"
    answered = "answered"
    refused = "refused"


# The words of a request's statuses, said by the problems that name them.
REQUEST_STATUSES: Mapping[str, Label] = {
    RequestStatus.received: Label("Diterima", "Received"),
    RequestStatus.answered: Label("Dijawab", "Answered"),
    RequestStatus.refused: Label("Ditolak", "Refused"),
}


def shown(
    record: Mapping[str, str | None],
    consent: Mapping[str, bool],
    visibility: Visibility,
    audience: Audience,
) -> dict[str, str | None] | None:
    """The fields as `audience` sees them; None when the record is not for them at all."""
    if audience is Audience.keeper:
        return {f: record.get(f) for f in FIELDS}
    if audience is Audience.public:
        if visibility is not Visibility.public or not consent.get("name"):
            return None
        return {f: record.get(f) if consent.get(f) else None for f in FIELDS}
    open_to_staff = visibility in (Visibility.office, Visibility.public)
    return {
        f: record.get(f) if open_to_staff and consent.get(f) else mask_text(record.get(f))
        for f in FIELDS
    }


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(key: bytes, token: str) -> str:
    return hmac.new(key, f"alumni-link:{token}".encode(), hashlib.sha256).hexdigest()


def link_usable(expires_at: datetime, used_at: datetime | None, now: datetime) -> bool:
    """Unspent and not expired (at the expiry instant itself it no longer works)."""
    return used_at is None and now < expires_at


def due(received_at: datetime, hours: int) -> datetime:
    return received_at + timedelta(hours=hours)
