"""Intake's tables. A reporter's identity is one encrypted blob (see `identity.py`)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import BigInteger, Column, DateTime, Identity, Text
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


def _timestamp() -> Any:
    return Field(default_factory=utcnow, sa_type=DateTime(timezone=True))


class Substance(SQLModel, table=True):
    """The configurable list of substance (sector) categories."""

    code: str = Field(primary_key=True, max_length=64)
    name_id: str
    name_en: str
    active: bool = True


class Reporter(SQLModel, table=True):
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    office: str = Field(index=True, max_length=32)
    identity: str = Field(sa_column=Column(Text, nullable=False))  # AES-GCM ciphertext
    created_at: datetime = _timestamp()


class Report(SQLModel, table=True):
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    office: str = Field(index=True, max_length=32)
    registration_number: str = Field(unique=True, max_length=64)
    kind: str = Field(max_length=16)
    channel: str = Field(max_length=32)
    status: str = Field(index=True, max_length=32)
    track: str | None = Field(default=None, max_length=32)
    reporter_id: uuid.UUID = Field(foreign_key="reporter.id")
    # The reporter asked that their identity be kept secret on this report.
    confidential: bool = False
    reported_agency: str
    substance: str = Field(foreign_key="substance.code", max_length=64)
    summary: str
    chronology: str
    event_date: date | None = None
    rejection_reason: str | None = None
    created_by: str
    created_at: datetime = _timestamp()
    updated_at: datetime = _timestamp()
    version: int = 1


class ReportStep(SQLModel, table=True):
    """Every step taken on a report: the timeline, and who did what."""

    __tablename__ = "report_step"

    id: int | None = Field(default=None, sa_column=Column(BigInteger, Identity(), primary_key=True))
    report_id: uuid.UUID = Field(foreign_key="report.id", index=True)
    step: str = Field(max_length=64)
    from_status: str | None = Field(default=None, max_length=32)
    to_status: str = Field(max_length=32)
    actor: str
    details: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSONB, nullable=False))
    at: datetime = _timestamp()


class RegistrationCounter(SQLModel, table=True):
    """The last registration number issued per office and year (a row lock serialises)."""

    __tablename__ = "registration_counter"

    office: str = Field(primary_key=True, max_length=32)
    year: int = Field(primary_key=True)
    last: int = 0
