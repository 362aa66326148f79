"""An application's life and the code its applicant tracks it with (pure).

The code is the only thing the applicant holds: 80 random bits, written in Crockford's
base32 (no I, L, O, U: nothing to misread from a phone screen) in groups of four. Only
its keyed hash is stored, so a copy of the database lets nobody follow an application.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from enum import StrEnum

from apik_shared.vocabulary.masking import mask_digits, mask_email, mask_text

CODE_PREFIX = "MORI"
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_CODE_CHARS = 16  # 16 x 5 bits = 80 bits
# What a reader mistypes, read as the character Crockford's alphabet means.
_LOOKALIKES = str.maketrans({"I": "1", "L": "1", "O": "0"})


class InstitutionKind(StrEnum):
    university = "university"
    school = "school"
    public = "public"  # recent graduates and others applying on their own
    foreign = "foreign"


class ApplicationStatus(StrEnum):
    submitted = "submitted"
    accepted = "accepted"
    declined = "declined"


class Decision(StrEnum):
    accept = "accept"
    decline = "decline"


_AFTER: dict[tuple[ApplicationStatus, Decision], ApplicationStatus] = {
    (ApplicationStatus.submitted, Decision.accept): ApplicationStatus.accepted,
    (ApplicationStatus.submitted, Decision.decline): ApplicationStatus.declined,
}


def decided(status: ApplicationStatus, decision: Decision) -> ApplicationStatus | None:
    """The status after `decision`, or None when the application is no longer open to it
    (a decision is final: a declined applicant applies again)."""
    return _AFTER.get((status, decision))


def new_code() -> str:
    """A fresh code: `MORI-XXXX-XXXX-XXXX-XXXX`."""
    body = "".join(secrets.choice(_ALPHABET) for _ in range(_CODE_CHARS))
    groups = [body[i : i + 4] for i in range(0, _CODE_CHARS, 4)]
    return "-".join([CODE_PREFIX, *groups])


def normalised_code(raw: str) -> str | None:
    """The code as issued, from what a person typed (any case, with or without dashes or
    spaces, I/L for 1 and O for 0); None when it cannot be one."""
    compact = "".join(raw.upper().split()).replace("-", "")
    compact = compact.removeprefix(CODE_PREFIX).translate(_LOOKALIKES)
    if len(compact) != _CODE_CHARS or any(c not in _ALPHABET for c in compact):
        return None
    return "-".join([CODE_PREFIX, *(compact[i : i + 4] for i in range(0, _CODE_CHARS, 4))])


def code_hash(key: bytes, code: str) -> str:
    return hmac.new(key, code.encode(), hashlib.sha256).hexdigest()


def masked_applicant(applicant: dict[str, str | None]) -> dict[str, str | None]:
    """An applicant as a reader who does not review applications sees them: enough to
    tell two apart on the phone, no more (the same masks as intake's reporters)."""
    return {
        "name": mask_text(applicant.get("name")),
        "email": mask_email(applicant.get("email")),
        "phone": mask_digits(applicant.get("phone"), 6, 2),
        "study": applicant.get("study"),
    }
