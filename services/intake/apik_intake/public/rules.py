"""The reporter's tracking page (pure): the PIN, issued once and kept as a keyed hash,
the lockout of guessing, and what of the history the reporter sees.

A PIN is 8 characters from an alphabet without look-alikes (40 bits). Only an HMAC of
it (keyed by a secret of the service and bound to the report) is stored, so a database
copy does not open the tracking pages. Wrong PINs (and unknown numbers) are counted per
client in the database, shared by every replica; too many within the window lock that
client out of every tracking page. Per client, not per report: a stranger who guesses
at a reporter's number locks only themselves out, never the reporter.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
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


def client_address(forwarded_for: str | None, peer: str | None) -> str:
    """The caller's address: the gateway sends exactly one in X-Forwarded-For (the
    client it decided on, `apik_gateway.forwarding`); called directly, the peer."""
    if forwarded_for:
        return forwarded_for.rsplit(",", 1)[-1].strip()[:64]
    return peer or ""


def client_key(key: bytes, address: str) -> str:
    """What a client's wrong PINs are counted under: a keyed hash, no address stored.
    An IPv6 client counts by its /64, whose addresses one subscriber rotates at will."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        parsed = None
    if isinstance(parsed, ipaddress.IPv6Address) and parsed.ipv4_mapped is None:
        address = str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    message = f"client:{address}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:32]


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


def new_survey_token() -> str:
    """The secret of a reporter's survey link (examination's form takes 16-64 chars)."""
    return secrets.token_urlsafe(24)


def survey_token_hash(token: str) -> str:
    """What examination is told of the link: its SHA-256, as examination keeps it."""
    return hashlib.sha256(token.encode()).hexdigest()


def survey_url(token: str | None) -> str | None:
    """Where the reporter rates the handling: the web app's survey page, which reads and
    answers examination's `/public/surveys/{token}`. A person follows this link (from the
    message or the tracking page), so it lands on a page, not on the API's JSON."""
    return f"/survei/{token}" if token else None
