"""Coaching clinics' rules (pure): the clinic's two states, the certificate's verify
code, and the N-gain, which is `apik_shared.vocabulary.ngain` (the same rule as the
internship's modules).

**N-gain** per participant `g = (post - pre) / (max - pre)`, computed on exact fractions:

- **high** when g >= 0.7 (exactly 0.7 is high);
- **medium** when 0.3 <= g < 0.7 (exactly 0.3 is medium);
- **low** when g < 0.3 (a negative gain included);
- **undefined** when the pre-test is already at the maximum (nothing left to gain) or a
  test is missing: shown as null with the category `undefined`, never as 0 or 1, and
  left out of the mean of individual gains.

Per class, two figures, labelled apart: Hake's **class gain** from the mean pre- and
post-test percentages of the participants with both tests, `(%post - %pre) / (100 -
%pre)` (undefined when the mean pre-test is 100 %), and the **mean of individual
gains** over the participants whose own gain is defined. Both get a category by the same
edges.

**Certificate codes** (`KLN-XXXX-XXXX-XXXX-XXXX`): 80 bits of a keyed hash of the
participant's id, derived rather than drawn (a reprint carries the same code); only the
keyed hash of the code is stored, to find the participant by it.
"""

from __future__ import annotations

import hashlib
import hmac
from enum import StrEnum

from apik_shared.vocabulary.ngain import GainCategory, Scores, category, n_gain, shown, summary

__all__ = [
    "GainCategory",
    "Scores",
    "category",
    "n_gain",
    "shown",
    "summary",
]

CODE_PREFIX = "KLN"
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base 32
_CODE_CHARS = 16
_LOOKALIKES = str.maketrans({"I": "1", "L": "1", "O": "0"})

CONVENTION = (
    "g = (post - pre) / (max - pre); high g >= 0.7, medium 0.3 <= g < 0.7, low g < 0.3 "
    "(0.3 is medium, 0.7 is high); undefined when the pre-test is at the maximum or a "
    "test is missing, left out of the mean of individual gains. Class gain (Hake): "
    "(%post - %pre) / (100 - %pre) from the class means."
)


class ClinicStatus(StrEnum):
    planned = "planned"
    completed = "completed"


class Step(StrEnum):
    """What an officer may do to a clinic now, as the screens offer it."""

    register = "register"  # a participant
    attendance = "attendance"
    tests = "tests"  # pre- and post-test scores
    complete = "complete"
    certificate = "certificate"  # print an attendee's certificate


def allowed_steps(status: str, *, officer: bool) -> list[Step]:
    """The steps the routes would accept from this reader now: the prevention unit runs a
    planned clinic (registration, attendance, tests, completion) and prints a completed
    one's certificates; other readers see the figures only."""
    if not officer:
        return []
    if ClinicStatus(status) is ClinicStatus.planned:
        return [Step.register, Step.attendance, Step.tests, Step.complete]
    return [Step.certificate]


# Where a person checks a certificate: the web app's page, which asks the public check
# route (`/api/v1/prevention/public/clinics/certificates/{code}`) and shows the answer in
# Bahasa Indonesia; the QR code on the certificate leads there.
CHECK_PAGE = "/klinik/cek"


def check_address(public_url: str, code: str) -> str:
    """The page a certificate's QR code opens: `https://apik.example/klinik/cek/KLN-…`."""
    return f"{public_url.rstrip('/')}{CHECK_PAGE}/{code}"


def certificate_code(key: bytes, participant_id: str) -> str:
    digest = hmac.new(key, f"clinic-certificate:{participant_id}".encode(), hashlib.sha256)
    number = int.from_bytes(digest.digest()[:10], "big")
    body = "".join(_ALPHABET[(number >> (5 * i)) & 31] for i in reversed(range(_CODE_CHARS)))
    return "-".join([CODE_PREFIX, *(body[i : i + 4] for i in range(0, _CODE_CHARS, 4))])


def normalised_code(raw: str) -> str | None:
    """The code as issued from what a person typed (any case, with or without dashes or
    spaces, I/L for 1 and O for 0); None when it cannot be one."""
    compact = "".join(raw.upper().split()).replace("-", "")
    compact = compact.removeprefix(CODE_PREFIX).translate(_LOOKALIKES)
    if len(compact) != _CODE_CHARS or any(c not in _ALPHABET for c in compact):
        return None
    return "-".join([CODE_PREFIX, *(compact[i : i + 4] for i in range(0, _CODE_CHARS, 4))])


def code_hash(key: bytes, code: str) -> str:
    return hmac.new(key, code.encode(), hashlib.sha256).hexdigest()
