"""The reporter's tracking page (pure): the PIN, issued once and kept as a keyed hash,
the lockout of guessing, and what of the history the reporter sees.

A PIN is 8 characters from an alphabet without look-alikes (40 bits). Only an HMAC of
it (keyed by a secret of the service and bound to the report) is stored, so a database
copy does not open the tracking pages. Wrong PINs are counted per report in the
database, shared by every replica; too many within the window lock that report's page.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from apik_intake.assignment.rules import ASSIGNMENT_STEPS

PIN_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
PIN_LENGTH = 8


def tracking_key(secret: str) -> bytes:
    return hmac.new(secret.encode(), b"apik-intake:tracking-pin:v1", hashlib.sha256).digest()


def new_pin() -> str:
    raw = "".join(secrets.choice(PIN_ALPHABET) for _ in range(PIN_LENGTH))
    return f"{raw[:4]}-{raw[4:]}"


def normalise_pin(raw: str) -> str:
    return "".join(ch for ch in raw.upper() if ch not in "- ")


def pin_hash(key: bytes, report_id: uuid.UUID, pin: str) -> str:
    message = f"{report_id}:{normalise_pin(pin)}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Lockout:
    max_failures: int
    window: timedelta
    lock: timedelta


@dataclass(frozen=True)
class Counter:
    failures: int
    window_started_at: datetime
    locked_until: datetime | None


def after_failure(counter: Counter, now: datetime, policy: Lockout) -> Counter:
    """The counter after one more wrong PIN (pure)."""
    if now - counter.window_started_at > policy.window:
        counter = Counter(0, now, None)
    failures = counter.failures + 1
    locked = now + policy.lock if failures >= policy.max_failures else counter.locked_until
    return Counter(failures, counter.window_started_at, locked)


class Verdict(StrEnum):
    ok = "ok"
    wrong = "wrong"  # unknown number or wrong PIN: the caller cannot tell which
    locked = "locked"


# Steps that are the office's own business: not on the reporter's tracking page.
STAFF_ONLY_STEPS = ASSIGNMENT_STEPS


def survey_url(token: str | None) -> str | None:
    """Where the reporter rates the handling (examination's public survey)."""
    return f"/api/v1/examination/public/surveys/{token}" if token else None
