"""A reporter's identity (pure): sealed for storage, indexed blindly, masked for
display, and who may see how much of it.

The identity is encrypted as one blob with the reporter's id as associated data, so it
only opens for its own row. To recognise a repeat reporter without decrypting every row,
NIK, phone and email also get a keyed blind index (HMAC-SHA256 under a key of its own):
equal values give equal indexes, and the index reveals nothing without the key.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import uuid
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from pydantic import BaseModel

from apik_intake.reports.rules import ReportStatus
from apik_shared.platform.crypto import FieldCipher
from apik_shared.vocabulary.masking import mask_digits, mask_email, mask_text


class Representative(BaseModel):
    name: str
    nik: str | None = None
    phone: str | None = None
    email: str | None = None
    address: str | None = None
    relationship: str | None = None
    power_of_attorney_number: str | None = None
    power_of_attorney_date: date | None = None


class Identity(BaseModel):
    name: str
    nik: str | None = None
    phone: str | None = None
    email: str | None = None
    place_of_birth: str | None = None
    date_of_birth: date | None = None
    address: str | None = None
    occupation: str | None = None
    representative: Representative | None = None


def _context(reporter_id: uuid.UUID) -> str:
    return f"reporter:{reporter_id}:identity"


def seal(cipher: FieldCipher, reporter_id: uuid.UUID, identity: Identity) -> str:
    plaintext = json.dumps(identity.model_dump(mode="json"), separators=(",", ":")).encode()
    return cipher.encrypt(plaintext, context=_context(reporter_id))


def unseal(cipher: FieldCipher, reporter_id: uuid.UUID, sealed: str) -> Identity:
    return Identity.model_validate_json(cipher.decrypt(sealed, context=_context(reporter_id)))


# --- blind indexes -------------------------------------------------------------------

INDEXED_FIELDS = ("nik", "phone", "email")


def index_key(secret: str) -> bytes:
    """The blind-index key, derived from a setting (never the encryption keys, which
    rotate: an index must stay comparable across rotations)."""
    return hmac.new(secret.encode(), b"apik-intake:blind-index:v1", hashlib.sha256).digest()


def blind_index(key: bytes, field: str, value: str) -> str:
    # The field name is part of the message, so a phone never matches an equal NIK.
    return hmac.new(key, f"{field}:{value}".encode(), hashlib.sha256).hexdigest()


def blind_indexes(key: bytes, identity: Identity) -> dict[str, str | None]:
    """`{"nik_index": …, "phone_index": …, "email_index": …}` for the reporter row.

    The values are already normalised by the schema (digits, E.164, lower case)."""
    out: dict[str, str | None] = {}
    for field in INDEXED_FIELDS:
        value = getattr(identity, field)
        out[f"{field}_index"] = blind_index(key, field, value) if value else None
    return out


# --- masking -------------------------------------------------------------------------


def masked(identity: Identity) -> Identity:
    """The identity as a role that is not entitled to it sees it."""
    rep = identity.representative
    return Identity(
        name=mask_text(identity.name) or "",
        nik=mask_digits(identity.nik, 4, 0),
        phone=mask_digits(identity.phone, 6, 2),
        email=mask_email(identity.email),
        place_of_birth=None,
        date_of_birth=None,
        address=None,
        occupation=identity.occupation,
        representative=(
            Representative(name=mask_text(rep.name) or "", relationship=rep.relationship)
            if rep
            else None
        ),
    )


# --- who sees what ------------------------------------------------------------------


def entitlement(
    held: frozenset[str],
    *,
    confidential: bool,
    roles: Sequence[str],
    confidential_roles: Sequence[str],
) -> str:
    """ "full", "masked" or "withheld": what a caller holding the roles `held` may see.

    Admin gets no pass here: identity is for the roles the office names, not for whoever
    runs the system.
    """
    if confidential:
        return "full" if held & set(confidential_roles) else "withheld"
    return "full" if held & set(roles) else "masked"


def sees_link(held: frozenset[str], *, confidential_roles: Sequence[str]) -> bool:
    """Whether a caller may see that a confidential report's reporter is the person of
    other reports (`person_id`, the person filter, a `same_reporter` duplicate).

    The link names the reporter as surely as the identity does: whoever reads the other
    report reads the name and NIK of someone who asked to stay unknown. So it goes with
    the confidential identity itself, to the roles the office designates for it, and every
    time it is shown the identity read audit records it (disclosure `link`).
    """
    return bool(held & set(confidential_roles))


# --- retention ----------------------------------------------------------------------

# The disclosure of an identity the retention period anonymised: nothing is left to show.
ANONYMISED = "anonymised"

# The statuses in which intake is done with a report for good. An accepted report is
# finished only when examination closes its case (`case_closed_at`); a merged one when
# the report it was merged into is (its reporter may still be heard on that matter).
FINISHED_STATUSES = frozenset(
    {
        ReportStatus.rejected,
        ReportStatus.answered,
        ReportStatus.withdrawn,
        ReportStatus.recorded,
        ReportStatus.imported,  # an old record: history from the start
    }
)
FINISHED_WHEN_CASE_CLOSED = ReportStatus.accepted
FINISHED_WITH_SURVIVOR = ReportStatus.merged


def expiry_cutoff(now: datetime, days: int) -> datetime:
    """Reports last touched before this moment are past a retention period of `days`."""
    if days < 1:  # the settings refuse it; a caller passing one would erase everything
        raise ValueError("a retention period is at least one day")
    return now - timedelta(days=days)
