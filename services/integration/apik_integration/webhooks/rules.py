"""Standard Webhooks, pure: secrets, signatures, their verification, the retry schedule,
what a receiver's answer means, and which addresses a webhook may not reach.

Signature (Standard Webhooks 1.0): `v1,` + base64 of HMAC-SHA256, keyed with the secret's
bytes (`whsec_` + base64), over `{webhook-id}.{webhook-timestamp}.{body}`; several
signatures, space-separated, while a secret rotates; compared in constant time.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime
from enum import StrEnum

from apik_shared.platform.targets import BadTarget, address_refused, target_host

__all__ = ["BadTarget", "address_refused", "target_host"]

SECRET_PREFIX = "whsec_"
SECRET_BYTES = 32  # within the specification's 24-64


class InvalidSecret(ValueError):
    pass


def encode_secret(raw: bytes) -> str:
    return SECRET_PREFIX + base64.b64encode(raw).decode()


def decode_secret(secret: str) -> bytes:
    """The key bytes of a `whsec_…` secret."""
    body = secret.removeprefix(SECRET_PREFIX)
    try:
        raw = base64.b64decode(body + "=" * (-len(body) % 4), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise InvalidSecret("not base64 after whsec_") from exc
    if not 24 <= len(raw) <= 64:
        raise InvalidSecret("a secret holds 24 to 64 bytes")
    return raw


def sign(key: bytes, *, msg_id: str, timestamp: int, body: bytes) -> str:
    """One `v1,<base64>` signature."""
    digest = hmac.new(key, f"{msg_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def signature_header(keys: Iterable[bytes], *, msg_id: str, timestamp: int, body: bytes) -> str:
    """The `webhook-signature` value: one signature per key, space-separated (the new
    secret's and, during a rotation's overlap, the old one's)."""
    return " ".join(sign(k, msg_id=msg_id, timestamp=timestamp, body=body) for k in keys)


def webhook_headers(
    keys: Iterable[bytes], *, msg_id: str, timestamp: int, body: bytes
) -> dict[str, str]:
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signature_header(keys, msg_id=msg_id, timestamp=timestamp, body=body),
        "content-type": "application/json",
    }


class Refusal(StrEnum):
    """Why an inbound webhook is refused."""

    missing = "missing"  # a header is absent or malformed
    stale = "stale"  # the timestamp is outside the tolerance
    forged = "forged"  # no signature matches any of the portal's secrets


class VerificationFailed(ValueError):
    def __init__(self, reason: Refusal, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class Verified:
    msg_id: str
    timestamp: int


def verify(
    keys: Iterable[bytes],
    *,
    headers: Mapping[str, str],
    body: bytes,
    now: datetime,
    tolerance_seconds: int,
) -> Verified:
    """Checks a signed request: headers present, timestamp within ±tolerance of `now`,
    one `v1` signature matching one of `keys`. Raises `VerificationFailed`."""
    lower = {k.lower(): v for k, v in headers.items()}
    msg_id = lower.get("webhook-id", "")
    stamp = lower.get("webhook-timestamp", "")
    signatures = lower.get("webhook-signature", "")
    if not (msg_id and stamp and signatures):
        raise VerificationFailed(
            Refusal.missing, "webhook-id, webhook-timestamp and webhook-signature are required."
        )
    if len(msg_id) > 200:
        raise VerificationFailed(Refusal.missing, "webhook-id is longer than 200 characters.")
    if not stamp.isascii() or not stamp.isdigit() or len(stamp) > 12:
        raise VerificationFailed(Refusal.missing, "webhook-timestamp is not Unix seconds.")
    timestamp = int(stamp)
    if abs(now.timestamp() - timestamp) > tolerance_seconds:
        raise VerificationFailed(
            Refusal.stale,
            f"webhook-timestamp is more than {tolerance_seconds} seconds from our clock.",
        )
    offered = [s.encode() for s in signatures.split(" ") if s.startswith("v1,")]
    for key in keys:
        expected = sign(key, msg_id=msg_id, timestamp=timestamp, body=body).encode()
        # Every offered signature is compared, in constant time each.
        if any(hmac.compare_digest(expected, candidate) for candidate in offered):
            return Verified(msg_id=msg_id, timestamp=timestamp)
    raise VerificationFailed(Refusal.forged, "No signature matches the portal's secret.")


# --- Subscriptions: what may be done to one -----------------------------------------


class SubscriptionAction(StrEnum):
    disable = "disable"  # stop sending; the pending deliveries wait
    enable = "enable"  # send again, the waiting deliveries first
    rotate_secret = "rotate_secret"  # a new secret, the old one signing beside it a while


def subscription_actions(status: str) -> list[SubscriptionAction]:
    """What the office's head may do to a subscription in `status` (its
    `allowed_actions`): switch it off when active, on when disabled, and rotate its
    secret either way. Every caller of the subscription routes manages them (the
    head), so the status alone decides."""
    switch = SubscriptionAction.enable if status == "disabled" else SubscriptionAction.disable
    return [switch, SubscriptionAction.rotate_secret]


# --- Delivery: what an answer means, and when to try again -------------------------


class Outcome(StrEnum):
    delivered = "delivered"  # 2xx
    gone = "gone"  # 410: the receiver asks us to stop; the endpoint is disabled
    retry = "retry"  # anything else, or no answer


def outcome_of(status: int | None) -> Outcome:
    if status is not None and 200 <= status < 300:
        return Outcome.delivered
    if status == 410:
        return Outcome.gone
    return Outcome.retry


def retry_after_seconds(value: str | None, now: datetime) -> float | None:
    """A `Retry-After` header's wait: delta-seconds or an HTTP date; None if unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, (when - now).total_seconds())


def next_attempt(
    *,
    attempts: int,
    schedule: list[float],
    jitter: float,
    draw: float,
    now: datetime,
    retry_after: float | None = None,
    max_retry_after: float = 86400,
) -> datetime | None:
    """When to try again after `attempts` failed attempts, or None: the schedule is spent
    (dead letter). `draw` is a random number in [0, 1): the wait is scaled by
    `1 - jitter + 2 * jitter * draw`. A `Retry-After` longer than that wait (capped at
    `max_retry_after`) wins."""
    if attempts > len(schedule):
        return None
    wait = schedule[attempts - 1] * (1 - jitter + 2 * jitter * draw)
    if retry_after is not None:
        wait = max(wait, min(retry_after, max_retry_after))
    return now + timedelta(seconds=wait)


def failing_too_long(failing_since: datetime | None, now: datetime, days: float) -> bool:
    return failing_since is not None and now - failing_since >= timedelta(days=days)


# --- Where a webhook may go -----------------------------------------------------------


# `BadTarget`, `target_host` and `address_refused` live in `apik_shared.platform.targets`
# (intake's fetch of a portal's attachments checks its URLs the same way).


def event_types_unknown(wanted: Iterable[str], known: Iterable[str]) -> list[str]:
    return sorted(set(wanted) - set(known))
