"""Applications, their letters, the audit of who read them, and quotas."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import BigInteger, Column, Identity, Text
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

from apik_shared.platform.fields import timestamp_field, utcnow


class Application(SQLModel, table=True):
    """An application to intern at an office, as the public form sent it."""

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    office: str = Field(index=True, max_length=32)
    # HMAC of the code the applicant tracks it with (`applications.rules.code_hash`).
    code_hash: str = Field(unique=True, max_length=64)
    # The applicant's name, email, phone and study (`applications.schemas.Applicant`).
    applicant: str = Field(sa_column=Column(Text, nullable=False))
    institution_kind: str = Field(max_length=16)
    institution: str
    programme: str
    period_start: date
    period_end: date
    units: list[str] = Field(default_factory=list, sa_column=Column(JSONB, nullable=False))
    status: str = Field(index=True, max_length=16)
    unit: str | None = Field(default=None, max_length=64)  # where it was accepted
    reason: str | None = None  # why it was declined, told to the applicant
    decided_by: str | None = None
    decided_at: datetime | None = timestamp_field(default=None)
    submitted_at: datetime = timestamp_field(default_factory=utcnow)
    # The gateway username of the accepted intern's account (`deps.CurrentIntern`): what
    # ties the intern's token to their own attendance, logbook and learning.
    intern_username: str | None = Field(default=None, unique=True, max_length=80)
    version: int = 1


class ApplicationLetter(SQLModel, table=True):
    """The institution's letter, kept apart so that lists never load files."""

    __tablename__ = "application_letter"

    application_id: uuid.UUID = Field(foreign_key="application.id", primary_key=True)
    filename: str = Field(max_length=255)
    media_type: str = Field(max_length=128)
    size: int
    sha256: str = Field(max_length=64)
    content: str = Field(sa_column=Column(Text, nullable=False))  # sealed


class ApplicantRead(SQLModel, table=True):
    """The audit of every read of an applicant in full: who, when, which, why."""

    __tablename__ = "applicant_read"

    id: int | None = Field(default=None, sa_column=Column(BigInteger, Identity(), primary_key=True))
    office: str = Field(max_length=32)
    application_id: uuid.UUID = Field(index=True)
    actor: str
    actor_username: str
    actor_roles: list[str] = Field(default_factory=list, sa_column=Column(JSONB, nullable=False))
    purpose: str
    at: datetime = timestamp_field(default_factory=utcnow)


class Quota(SQLModel, table=True):
    """How many interns a unit of an office takes in a month (`quotas.rules`)."""

    office: str = Field(primary_key=True, max_length=32)
    unit: str = Field(primary_key=True, max_length=64)
    month: date = Field(primary_key=True)  # its first day
    places: int
    set_by: str
    set_at: datetime = timestamp_field(default_factory=utcnow)
