"""Column helpers every service's models use."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime
from sqlmodel import Field


def utcnow() -> datetime:
    return datetime.now(UTC)


def timestamp_field(**kw: Any) -> Any:
    """A time zone-aware timestamp column; `kw` are `Field`'s (default, index, …)."""
    return Field(sa_type=DateTime(timezone=True), **kw)
