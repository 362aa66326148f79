"""The spec's `token` of a filed request (GeoReport v2, `GET tokens/{token}`).

A `POST requests` is registered at once, so its answer names the number and, for
clients written to wait on a token, a token too. The token is the report's id with a
keyed tag (HMAC-SHA256 under a key derived from the service's secret), base64url: no
table holds it, nobody can make one for a report they did not file, and it is read back
by checking the tag. It shows nothing the receipt did not.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import uuid

_LABEL = b"apik-open311-token-v1\x1f"
_TAG_BYTES = 12


def token_key(tracking_key: bytes) -> bytes:
    """The tokens' key, derived from the service's tracking key: never the key itself."""
    return hmac.new(tracking_key, b"open311-token", hashlib.sha256).digest()


def _tag(key: bytes, report_id: uuid.UUID) -> bytes:
    return hmac.new(key, _LABEL + report_id.bytes, hashlib.sha256).digest()[:_TAG_BYTES]


def request_token(key: bytes, report_id: uuid.UUID) -> str:
    raw = report_id.bytes + _tag(key, report_id)
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def report_of_token(key: bytes, token: str) -> uuid.UUID | None:
    """The report a token names, or None when it is no token of ours."""
    if not token.isascii() or len(token) > 64:
        return None
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    except (binascii.Error, ValueError):
        return None
    if len(raw) != 16 + _TAG_BYTES:
        return None
    report_id = uuid.UUID(bytes=raw[:16])
    return report_id if hmac.compare_digest(raw[16:], _tag(key, report_id)) else None
