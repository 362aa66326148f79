"""W3C trace context: parse or start a `traceparent`, and carry it across HTTP and NATS."""

from __future__ import annotations

import re
import secrets

_TRACEPARENT = re.compile(r"^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$")


def new_traceparent(trace_id: str | None = None) -> str:
    return f"00-{trace_id or secrets.token_hex(16)}-{secrets.token_hex(8)}-01"


def trace_id_of(traceparent: str | None) -> str | None:
    if not traceparent:
        return None
    match = _TRACEPARENT.match(traceparent.strip().lower())
    return match.group(1) if match else None


def child_traceparent(parent: str | None) -> str:
    """A new span in the same trace, or a new trace when the parent is missing or invalid."""
    return new_traceparent(trace_id_of(parent))
