"""Cursor pagination: `{"items": [...], "next_cursor": ...}`.

A cursor is the sort key of the last row returned (opaque to clients, base64 JSON), so
pages stay stable while rows are added, unlike offsets.
"""

from __future__ import annotations

import base64
import json
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from apik_shared.problems import InvalidInput

T = TypeVar("T")
DEFAULT_LIMIT = 50
MAX_LIMIT = 200


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = None


def encode_cursor(*key: Any) -> str:
    raw = json.dumps(list(key), default=str, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> list[Any] | None:
    if not cursor:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        value = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, TypeError) as exc:
        raise InvalidInput.field("#/query/cursor", "The cursor is not valid.") from exc
    if not isinstance(value, list):
        raise InvalidInput.field("#/query/cursor", "The cursor is not valid.")
    return value
