"""An application's life and the code its applicant tracks it with (pure).

The code is the only thing the applicant holds: 80 random bits, written in Crockford's
base32 (no I, L, O, U: nothing to misread from a phone screen) in groups of four. Only
its keyed hash is stored, so a copy of the database lets nobody follow an application.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Mapping
from enum import StrEnum

from apik_shared.vocabulary.labels import Label
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


# The words of an application's statuses, said by the problems that name them.
STATUSES: Mapping[str, Label] = {
    ApplicationStatus.submitted: Label("Menunggu keputusan", "Awaiting decision"),
    ApplicationStatus.accepted: Label("Diterima", "Accepted"),
    ApplicationStatus.declined: Label("Ditolak", "Declined"),
}


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


class Action(StrEnum):
    """What a staff reader may do with an application, as the web app offers it."""

    read_letter = "read_letter"  # the institution's letter (a full reader only)
    interview = "interview"  # the sealed interview note (a full reader who decides)
    accept = "accept"
    decline = "decline"
    print_acceptance_letter = "print_acceptance_letter"  # it names the intern: in full
    link_account = "link_account"
    evaluate = "evaluate"
    complete = "complete"  # the completion check and the certificate


def allowed_actions(
    status: ApplicationStatus, *, reviewer: bool, supervisor: bool, in_full: bool
) -> list[Action]:
    """The actions the routes would let this reader take now: `reviewer` decides and
    completes (the office's intern supervisors and the head), `supervisor` links the
    account and evaluates (intern supervisors only), `in_full` reads what names the
    applicant (the letter, the acceptance letter)."""
    out: list[Action] = [Action.read_letter] if in_full else []
    if in_full and reviewer and status is not ApplicationStatus.declined:
        out.append(Action.interview)
    if status is ApplicationStatus.submitted and reviewer:
        out += [Action.accept, Action.decline]
    if status is ApplicationStatus.accepted:
        if in_full:
            out.append(Action.print_acceptance_letter)
        if supervisor:
            out += [Action.link_account, Action.evaluate]
        if reviewer:
            out.append(Action.complete)
    return out


def new_code() -> str:
    """A fresh code: `MORI-XXXX-XXXX-XXXX-XXXX`."""
    body = "".join(secrets.choice(_ALPHABET) for _ in range(_CODE_CHARS))
    groups = [body[i : i + 4] for i in range(0, _CODE_CHARS, 4)]
    return "-".join([CODE_PREFIX, *groups])


def normalised_code(raw: str, prefix: str = CODE_PREFIX) -> str | None:
    """The code as issued, from what a person typed (any case, with or without dashes or
    spaces, I/L for 1 and O for 0); None when it cannot be one."""
    compact = "".join(raw.upper().split()).replace("-", "")
    compact = compact.removeprefix(prefix).translate(_LOOKALIKES)
    if len(compact) != _CODE_CHARS or any(c not in _ALPHABET for c in compact):
        return None
    return "-".join([prefix, *(compact[i : i + 4] for i in range(0, _CODE_CHARS, 4))])


# Where a person checks a letter or a certificate: the web app's page, which asks the
# public check routes (`/api/v1/internship/public/…/{code}`) and shows the answer; the QR
# code on each document leads there.
CHECK_PAGE = "/magang/cek"


def check_address(public_url: str, code: str) -> str:
    """The page a document's QR code opens: `https://apik.example/magang/cek/SRT-…`."""
    return f"{public_url.rstrip('/')}{CHECK_PAGE}/{code}"


def document_code(key: bytes, prefix: str, ident: str) -> str:
    """The verification code printed on a document (an acceptance letter `PNR-…`, a
    certificate `SRT-…`): 80 bits of the keyed hash of the document's id, in the same
    alphabet and groups as the application code. Derived, not drawn, so a reprint carries
    the same code without the code being stored; only its own keyed hash is, to find the
    document by it. Changing `APIK_SECRET_KEY` changes every code, as for applications."""
    digest = hmac.new(key, f"document:{prefix}:{ident}".encode(), hashlib.sha256).digest()
    number = int.from_bytes(digest[:10], "big")
    body = "".join(_ALPHABET[(number >> (5 * i)) & 31] for i in reversed(range(_CODE_CHARS)))
    return "-".join([prefix, *(body[i : i + 4] for i in range(0, _CODE_CHARS, 4))])


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


def partly_masked(name: str) -> str:
    """A name as a public verify page shows it: the first word whole, the others masked
    (`Rina Kartika Sari` → `Rina K****** S***`): enough for whoever holds the document to
    see it is the one they were shown, not enough to learn a stranger's full name."""
    first, *rest = name.split()
    return " ".join([first, *(w[:1] + "*" * max(len(w) - 1, 1) for w in rest)])
