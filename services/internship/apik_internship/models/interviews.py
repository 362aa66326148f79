"""The reviewers' interview note on an application (sealed: it speaks of a person)."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import Column, Text
from sqlmodel import Field, SQLModel

from apik_shared.platform.fields import timestamp_field, utcnow


class ApplicationInterview(SQLModel, table=True):
    """One note per application, rewritten as the review goes on: when the applicant was
    interviewed and what the reviewer noted, sealed with the service keyring."""

    __tablename__ = "application_interview"

    application_id: uuid.UUID = Field(foreign_key="application.id", primary_key=True)
    held_on: date | None = None
    note: str = Field(sa_column=Column(Text, nullable=False))  # sealed
    written_by: str = Field(max_length=80)
    written_at: datetime = timestamp_field(default_factory=utcnow)
    version: int = 1
