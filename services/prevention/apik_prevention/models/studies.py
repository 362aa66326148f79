"""Studies (kajian) and their suggestions to agencies, evidence and reminders."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import Column, LargeBinary, Text, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

from apik_shared.platform.fields import timestamp_field, utcnow
from apik_shared.platform.processing import Bilingual, LegalBasis, Processing


# --- Studies (kajian) and their suggestions (`studies/`) --------------------------------
class Study(SQLModel, table=True):
    """A prevention study of one office, from its topic to the published study."""

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    office: str = Field(index=True, max_length=32)
    title: str
    topic: str  # what is studied and why (a public service, not a person)
    year: int = Field(index=True)
    stage: str = Field(max_length=16, index=True)
    created_by: str
    created_at: datetime = timestamp_field(default_factory=utcnow)
    history: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSONB))
    version: int = 1


class Suggestion(SQLModel, table=True):
    """A study's suggestion (saran perbaikan) to a named agency, tracked to follow-up."""

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    study_id: uuid.UUID = Field(foreign_key="study.id", index=True)
    office: str = Field(index=True, max_length=32)
    agency: str  # a public body
    text: str = Field(sa_column=Column(Text, nullable=False))
    due_on: date = Field(index=True)
    status: str = Field(max_length=16, index=True)
    closed_on: date | None = None  # the office's day it was followed up or not
    created_by: str
    created_at: datetime = timestamp_field(default_factory=utcnow)
    history: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSONB))
    version: int = 1


class SuggestionEvidence(SQLModel, table=True):
    """The agency's evidence of its follow-up (checked by content on upload)."""

    __tablename__ = "suggestion_evidence"

    suggestion_id: uuid.UUID = Field(foreign_key="suggestion.id", primary_key=True)
    filename: str
    media_type: str = Field(max_length=100)
    size: int
    sha256: str = Field(max_length=64)
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    uploaded_by: str
    uploaded_at: datetime = timestamp_field(default_factory=utcnow)


class SuggestionReminder(SQLModel, table=True):
    """A reminder around a suggestion's due date, once per offset (any replica)."""

    __tablename__ = "suggestion_reminder"
    __table_args__ = (UniqueConstraint("suggestion_id", "offset_days"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    suggestion_id: uuid.UUID = Field(foreign_key="suggestion.id", index=True)
    offset_days: int  # negative: before the due date; positive: after it
    days_left: int
    announced: bool
    recorded_at: datetime = timestamp_field(default_factory=utcnow)


PROCESSING: tuple[Processing, ...] = (
    *(
        Processing(
            table=table,
            columns=("created_by", "history"),
            data_class="staff_activity",
            subjects=Bilingual("Pegawai unit pencegahan", "Prevention staff"),
            fields=Bilingual(
                "Nama pengguna pegawai yang mencatat tiap langkah dan kemajuan.",
                "User names of the staff who recorded each step and progress note.",
            ),
            purpose=Bilingual(
                "Memantau kajian dan sarannya.", "Following studies and suggestions."
            ),
            legal_basis=LegalBasis.public_task,
            retention=Bilingual("Selama data kajian disimpan.", "As long as the study is kept."),
            recipients=Bilingual("Pencegahan, kepala, analis.", "Prevention unit, head, analysts."),
            safeguards=Bilingual("Hanya kantor itu.", "That office only."),
        )
        for table in ("study", "suggestion")
    ),
)
