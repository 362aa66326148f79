"""Institutions' formats of the completion record, set by an office (`formats/`)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Column, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

from apik_shared.platform.fields import timestamp_field, utcnow


class InstitutionFormat(SQLModel, table=True):
    """An institution's format of the completion record (`formats.schemas.FormatDefinition`
    as JSON): layout and labels only, no personal data. One per office and key."""

    __tablename__ = "institution_format"
    __table_args__ = (UniqueConstraint("office", "key"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    office: str = Field(max_length=32, index=True)
    key: str = Field(max_length=40)
    definition: dict[str, Any] = Field(sa_column=Column(JSONB, nullable=False))
    version: int = 1
    set_by: str
    set_at: datetime = timestamp_field(default_factory=utcnow)
