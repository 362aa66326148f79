"""Examination's tables. A case carries what examination needs, never the reporter's identity."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from sqlalchemy import DateTime
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


class Case(SQLModel, table=True):
    __tablename__ = "examination_case"  # "case" is an SQL keyword

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    report_id: uuid.UUID = Field(unique=True)  # one case per handed-over report
    registration_number: str = Field(max_length=64)
    office: str = Field(index=True, max_length=32)
    track: str = Field(max_length=32)  # "regular" or "rapid_response"
    status: str = Field(max_length=32)
    kind: str = Field(max_length=16)
    channel: str = Field(max_length=32)
    substance: str | None = Field(default=None, max_length=64)
    reported_agency: str
    summary: str
    event_date: date | None = None
    reporter_id: uuid.UUID  # a reference into intake; identity is read there, audited
    confidential: bool
    handed_over_at: datetime = Field(sa_type=DateTime(timezone=True))
    opened_at: datetime = Field(default_factory=utcnow, sa_type=DateTime(timezone=True))
    version: int = 1
