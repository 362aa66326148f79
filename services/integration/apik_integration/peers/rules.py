"""Shared cases, pure: the keyed fingerprint of a letter, the statuses a signal carries,
the signal's body and which of two signals is newer.

What is matched: the reported agency, the event's date and the report's summary, each
normalised (Unicode NFKC, case folded, every run of non-letters and non-digits one
space), joined and keyed with HMAC-SHA256 under a key derived from the pair's shared
secret. Only the two deployments of the pair can compute it: a third party holding a
guess of a complaint cannot test it against an intercepted fingerprint, and neither
side learns anything of a letter the other does not also hold.

False matches: two different letters against the same agency, about the same day, whose
normalised summaries are identical. Summaries are free text typed per office, so that
is rare; the opposite (the same letter summarised differently at each office) is the
likelier miss. So a letter's own number (nomor surat, which intake keeps on a letter's
registration) has a keyed fingerprint of its own (`letter_fingerprint`: the number
without case or spacing): when both sides hold one, the letter matches on it alone,
however differently each office summarised it (and two letters with different numbers
never match); otherwise the content's fingerprint decides. A letter number names a
letter, not a person, and is keyed the same way.

Why a NIK is never an input: it is a short, structured number (about 10^10 plausible
values at most, fewer once a region and birth date are guessed), so any hash of it is
reversed by trying them all, and with it the fingerprint would tell the peer who
complained. The inputs here describe the letter, never the person.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import unicodedata
from datetime import date, datetime

from apik_integration.webhooks import rules as webhooks

SIGNAL_TYPE = "shared_case.signal"
FINGERPRINT_LABEL = b"apik-shared-case-fingerprint-v1"
_SPACE = re.compile(r"\s+", re.UNICODE)
_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)

# Our events as the status a signal carries (the first one makes the fingerprint).
VERIFIED = "report.verified"
STATUS_OF_EVENT: dict[str, str] = {
    VERIFIED: "verified",
    "report.rejected": "rejected",
    "report.closed": "closed",
    "case.opened": "examination",
    "case.concluded": "concluded",
    "case.closed": "closed",
}
STATUSES = frozenset(STATUS_OF_EVENT.values())


def normalise(text: str) -> str:
    """Case, accents' composition, punctuation and spacing made alike."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _NOT_WORD.sub(" ", folded).strip()


def fingerprint_key(secret: str) -> bytes:
    """The fingerprints' key, derived from the pair's secret: never the signing key
    itself, so that one use of the secret cannot be turned into the other."""
    return hmac.new(webhooks.decode_secret(secret), FINGERPRINT_LABEL, hashlib.sha256).digest()


def fingerprint(key: bytes, *, agency: str, event_date: date | None, summary: str) -> str | None:
    """The letter's keyed fingerprint (64 hex), or None when the agency or the summary
    is empty once normalised (nothing to recognise a letter by)."""
    agency_n, summary_n = normalise(agency), normalise(summary)
    if not agency_n or not summary_n:
        return None
    day = event_date.isoformat() if event_date else "-"
    message = "\x1f".join(("v1", agency_n, day, summary_n)).encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def letter_fingerprint(key: bytes, letter_number: str | None) -> str | None:
    """The keyed fingerprint of a letter's own number (case and spacing aside), or None
    without one. Its own domain in the message: never equal to a content fingerprint."""
    number = _SPACE.sub("", unicodedata.normalize("NFKC", letter_number or "").casefold())
    if not number:
        return None
    return hmac.new(key, "\x1f".join(("v1-letter", number)).encode(), hashlib.sha256).hexdigest()


def signal_body(
    *,
    fingerprint: str,
    registration_number: str,
    status: str,
    at: datetime,
    letter_fingerprint: str | None = None,
) -> str:
    """The exact bytes sent: the fingerprints, our number and status, nothing else (the
    letter's fingerprint only when the report has a letter number)."""
    body = {
        "type": SIGNAL_TYPE,
        "fingerprint": fingerprint,
        "registration_number": registration_number,
        "status": status,
        "status_at": at.isoformat(),
    }
    if letter_fingerprint is not None:
        body["letter_fingerprint"] = letter_fingerprint
    return json.dumps(body, separators=(",", ":"))


def newer(incoming: datetime, current: datetime | None) -> bool:
    """Whether a signal's status replaces the one held: strictly later only (an older or
    repeated one never moves a status back)."""
    return current is None or incoming > current
