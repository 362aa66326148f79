"""Reporting's tables: the read model (facts, one row per aggregate) and the targets.

Facts are upserted from events keyed by the aggregate's id, so a replay or events out of
order converge on the same row (see `projection.py`). Each `*_on` column is the
office's calendar date of the matching instant: it decides the year and the month.
Targets are what heads enter; the rebuild never touches them.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import DateTime, Numeric
from sqlmodel import Field, SQLModel

from apik_shared.fields import timestamp_field


class ReportFact(SQLModel, table=True):
    """A report or consultation as intake published it (report.*, consultation.recorded)."""

    __tablename__ = "report_fact"

    report_id: str = Field(primary_key=True, max_length=64)
    office: str = Field(index=True, max_length=32)
    # Which stage wrote the descriptive columns (kind, channel, substance, agency type):
    # a later stage's values win whatever order the events arrive in.
    attrs_stage: int = 0
    registration_number: str | None = None
    kind: str | None = Field(default=None, max_length=16)
    channel: str | None = Field(default=None, max_length=32)
    substance: str | None = Field(default=None, max_length=64)
    agency_type: str | None = Field(default=None, max_length=64)
    track: str | None = Field(default=None, max_length=32)
    registered_at: datetime | None = timestamp_field(default=None)
    registered_on: date | None = None
    verified_at: datetime | None = timestamp_field(default=None)
    verified_on: date | None = None
    verified_by: str | None = None
    rejected_at: datetime | None = timestamp_field(default=None)
    rejected_on: date | None = None
    rejected_by: str | None = None
    withdrawn_at: datetime | None = timestamp_field(default=None)
    withdrawn_on: date | None = None
    answered_at: datetime | None = timestamp_field(default=None)
    answered_on: date | None = None
    answered_by: str | None = None


class CaseFact(SQLModel, table=True):
    """An examination case (case.opened, case.closed)."""

    __tablename__ = "case_fact"

    case_id: str = Field(primary_key=True, max_length=64)
    office: str = Field(index=True, max_length=32)
    attrs_stage: int = 0
    report_id: str | None = None
    registration_number: str | None = None
    track: str | None = Field(default=None, max_length=32)
    kind: str | None = Field(default=None, max_length=16)
    channel: str | None = Field(default=None, max_length=32)
    substance: str | None = Field(default=None, max_length=64)
    classification: str | None = Field(default=None, max_length=16)
    examiner_id: str | None = None
    opened_at: datetime | None = timestamp_field(default=None)
    opened_on: date | None = None
    # The last closure: a case closed again after a reopening counts once, then.
    closed_at: datetime | None = timestamp_field(default=None)
    closed_on: date | None = None
    outcome: str | None = Field(default=None, max_length=32)
    route: str | None = Field(default=None, max_length=32)
    finding: str | None = Field(default=None, max_length=32)
    working_days: int | None = None
    calendar_days: int | None = None
    sla_state: str | None = Field(default=None, max_length=16)


class VisitFact(SQLModel, table=True):
    """A served and rated visit of the consultation desk (visit.completed)."""

    __tablename__ = "visit_fact"

    visit_id: str = Field(primary_key=True, max_length=64)
    office: str = Field(index=True, max_length=32)
    category: str | None = Field(default=None, max_length=32)
    officer: str | None = None
    duration_seconds: int | None = None
    rating: int | None = None
    checked_in_at: datetime | None = timestamp_field(default=None)
    visited_on: date | None = None
    completed_at: datetime | None = timestamp_field(default=None)


class Target(SQLModel, table=True):
    """An office's annual target for one indicator."""

    __tablename__ = "kpi_target"

    office: str = Field(primary_key=True, max_length=32)
    year: int = Field(primary_key=True)
    indicator: str = Field(primary_key=True, max_length=64)
    value: Decimal = Field(sa_type=Numeric(14, 2))
    set_by: str
    set_at: datetime = Field(sa_type=DateTime(timezone=True))
