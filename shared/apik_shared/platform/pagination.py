"""Cursor pagination: `{"items": [...], "next_cursor": ...}`.

A cursor is the sort key of the last row returned (opaque to clients, base64 JSON), so
pages stay stable while rows are added, unlike offsets.
"""

from __future__ import annotations

import base64
import json
import uuid
from datetime import datetime
from typing import Any, Generic, TypeVar

from pydantic import BaseModel
from sqlalchemy import Select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped

from apik_shared.platform.problems import InvalidInput

T = TypeVar("T")
M = TypeVar("M")
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
        raise InvalidInput.field(
            "#/query/cursor", "The cursor is not valid.", code="cursor_invalid"
        ) from exc
    if not isinstance(value, list):
        raise InvalidInput.field(
            "#/query/cursor", "The cursor is not valid.", code="cursor_invalid"
        )
    return value


def _name(attribute: Mapped[Any]) -> str:
    return str(getattr(attribute, "key"))  # noqa: B009 - Mapped's type does not declare it


def _newest_first_key(after: list[Any], ident_type: type) -> tuple[datetime, Any]:
    """The (timestamp, id) a cursor names. A forged cursor must not reach the database
    as a naive time or a number past bigint, which PostgreSQL refuses with an error
    instead of a problem naming the field."""
    try:
        at = datetime.fromisoformat(after[0])
        ident = uuid.UUID(after[1]) if ident_type is uuid.UUID else int(after[1])
    except (ValueError, IndexError, TypeError, AttributeError) as exc:
        raise InvalidInput.field(
            "#/query/cursor", "The cursor is not valid.", code="cursor_invalid"
        ) from exc
    if at.tzinfo is None or (isinstance(ident, int) and not 0 <= ident < 2**63):
        raise InvalidInput.field(
            "#/query/cursor", "The cursor is not valid.", code="cursor_invalid"
        )
    return at, ident


async def newest_first_page(
    session: AsyncSession,
    query: Select[M],
    *,
    timestamp: Mapped[datetime],
    ident: Mapped[uuid.UUID] | Mapped[int] | Mapped[int | None],
    cursor: str | None,
    limit: int,
    ident_type: type = uuid.UUID,
) -> tuple[list[M], str | None]:
    """One page of `query`'s rows, newest first, keyed by (timestamp, id); `ident_type`
    is the id's type (`uuid.UUID`, or `int` for an identity column).

    The cursor is the key of the last row returned, so rows added meanwhile never shift
    the next page; the id breaks ties between rows with the same timestamp.
    """
    query = query.order_by(timestamp.desc(), ident.desc()).limit(limit + 1)
    if (after := decode_cursor(cursor)) is not None:
        key = _newest_first_key(after, ident_type)
        query = query.where(tuple_(timestamp, ident) < tuple_(*key))
    rows = list((await session.execute(query)).scalars())
    if len(rows) <= limit:
        return rows, None
    last = rows[limit - 1]
    # Model attributes are instrumented: each knows its own name (`key`).
    when = getattr(last, _name(timestamp)).isoformat()
    next_cursor = encode_cursor(when, str(getattr(last, _name(ident))))
    return rows[:limit], next_cursor
