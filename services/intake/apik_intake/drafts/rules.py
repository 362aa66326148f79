"""Saved drafts of the public form (pure): the resume code, its keyed hash, the expiry.

Why a code and a PIN on the server, not the browser's storage: a citizen's phone dies
or is shared, and the form holds a NIK, an address and an account of a complaint
against an agency. Nothing stays in the browser; the server keeps the answers sealed,
for days only, opened with two secrets shown once: the code finds the draft (only its
HMAC is stored), the PIN opens it (an HMAC bound to the draft), and wrong guesses at
either are counted per client with the tracking page's (`public.rules`).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid
from datetime import datetime, timedelta

from apik_intake.public.rules import PIN_ALPHABET, new_pin, normalise_pin, pin_hash

CODE_LENGTH = 10  # 50 bits, written `ABCDE-FGHJK`
# The answers a draft holds are the form's own fields by their dotted names.
ANSWER_PATTERN = r"^[a-z][a-z_]*(\.[a-z][a-z_]*)*$"
MAX_ANSWERS = 40


def new_resume_code() -> str:
    raw = "".join(secrets.choice(PIN_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:5]}-{raw[5:]}"


def code_hash(key: bytes, code: str) -> str:
    """What finds a draft by its code: an HMAC, so the table alone opens nothing."""
    message = f"draft-code:{normalise_pin(code)}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def draft_pin(key: bytes, draft_id: uuid.UUID) -> tuple[str, str]:
    """A new PIN for the draft, and its hash (bound to the draft, as a report's is)."""
    pin = new_pin()
    return pin, pin_hash(key, draft_id, pin)


def pin_matches(key: bytes, draft_id: uuid.UUID, pin: str, expected: str) -> bool:
    return hmac.compare_digest(pin_hash(key, draft_id, pin), expected)


def expiry(now: datetime, days: int) -> datetime:
    """Kept `days` after the last save: a citizen still at it is not cut off."""
    return now + timedelta(days=days)


def sealing_context(draft_id: uuid.UUID) -> str:
    # Binds the sealed answers to their row: a token copied to another row does not open.
    return f"public_draft:{draft_id}"
