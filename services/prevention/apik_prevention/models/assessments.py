"""Schemes, assessments and their entries, and the cases named for the suffix."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import Column, Text, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

from apik_shared.platform.fields import timestamp_field, utcnow
from apik_shared.platform.processing import Bilingual, LegalBasis, Processing


class SchemeVersion(SQLModel, table=True):
    """One version of an assessment scheme (`schemes/*.json` ships version 1 of each)."""

    __tablename__ = "scheme_version"
    __table_args__ = (UniqueConstraint("code", "version"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    code: str = Field(max_length=40, index=True)
    version: int
    title: str
    year_from: int
    year_to: int | None = None
    definition: dict[str, Any] = Field(sa_column=Column(JSONB, nullable=False))
    # Set when the first assessment is created with it; a frozen version never changes.
    frozen: bool = False
    based_on: uuid.UUID | None = None
    reason: str | None = None
    created_by: str
    created_at: datetime = timestamp_field(default_factory=utcnow)
    row_version: int = 1


class Assessment(SQLModel, table=True):
    """A unit assessed in a year with a scheme version."""

    __table_args__ = (UniqueConstraint("office", "year", "unit_type", "unit_name"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    office: str = Field(index=True, max_length=32)
    unit_name: str
    unit_type: str = Field(max_length=32)
    region: str
    regency: str | None = None
    year: int = Field(index=True)
    scheme_id: uuid.UUID = Field(foreign_key="scheme_version.id")
    status: str = Field(max_length=16, index=True)
    # The unit's corrective actions and recommendations: issued and followed up (None:
    # not known yet).
    follow_up_issued: int | None = None
    follow_up_done: int | None = None
    created_by: str
    created_at: datetime = timestamp_field(default_factory=utcnow)
    plenary_at: datetime | None = timestamp_field(default=None)
    published_at: datetime | None = timestamp_field(default=None)
    published_by: str | None = None
    # The score as published: the rapor and the public results read these, never a
    # recomputation that a later scheme correction would move.
    published_total: float | None = None
    published_label: str | None = None
    published_zone: str | None = Field(default=None, max_length=16)
    published_grade: str | None = Field(default=None, max_length=1)
    published_score: dict[str, Any] | None = Field(default=None, sa_column=Column(JSONB))
    # What happened to it: scheme changes, moves between draft, plenary and published.
    history: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=Column(JSONB, nullable=False)
    )
    version: int = 1


class AssessmentEntry(SQLModel, table=True):
    """One interview or observation checklist, by one enumerator, for the reviewer."""

    __tablename__ = "assessment_entry"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    assessment_id: uuid.UUID = Field(foreign_key="assessment.id", index=True)
    office: str = Field(max_length=32)
    respondent_type: str = Field(max_length=32)
    respondent_ref: str | None = Field(default=None, max_length=40)
    method: str = Field(max_length=16)
    taken_at: datetime = timestamp_field()
    place: str
    photos: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=Column(JSONB, nullable=False)
    )
    # [{"indicator": "P.1", "value": 3, "note": …}]
    answers: list[dict[str, Any]] = Field(sa_column=Column(JSONB, nullable=False))
    status: str = Field(max_length=16, index=True)
    enumerator: str
    submitted_at: datetime = timestamp_field(default_factory=utcnow)
    reviewed_by: str | None = None
    reviewed_at: datetime | None = timestamp_field(default=None)
    review_note: str | None = Field(default=None, sa_column=Column(Text))
    # Each correction: when, who, why, and the answers before and after.
    corrections: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=Column(JSONB, nullable=False)
    )
    version: int = 1


class CaseFollowUp(SQLModel, table=True):
    """What examination said about one case's corrective actions and recommendation
    (its `case.*` events), kept as flags that only ever turn on, so events arriving
    twice or out of order leave the same row."""

    __tablename__ = "case_follow_up"

    case_id: str = Field(primary_key=True, max_length=64)
    registration_number: str = Field(index=True, max_length=64)
    office: str = Field(max_length=32)
    # case.concluded with maladministration found and a corrective-action deadline.
    corrective: bool = False
    corrective_due_on: date | None = None
    # case.monitoring_started: actions still open when the deadline passed.
    monitoring: bool = False
    closed: bool = False  # case.closed
    recommendation: bool = False  # case.recommendation_issued
    # case.recommendation_reported: implemented, partly, not_implemented.
    implementation: str | None = Field(default=None, max_length=32)
    updated_at: datetime = timestamp_field(default_factory=utcnow)


class AssessmentCase(SQLModel, table=True):
    """A case of the office about the assessed unit, named by the prevention unit (the
    examination events do not name the agency reported on)."""

    __tablename__ = "assessment_case"

    assessment_id: uuid.UUID = Field(foreign_key="assessment.id", primary_key=True)
    registration_number: str = Field(primary_key=True, max_length=64)


# The record of processing (docs/processing.md). The assessment holds no citizen's data:
# respondents are codes, the unit assessed is a public body (`unit_name` names an office,
# not a person). What it holds of people is the staff's own work: who opened, entered,
# reviewed and published.
PROCESSING: tuple[Processing, ...] = tuple(
    Processing(
        table=table,
        columns=columns,
        data_class="staff_activity",
        subjects=Bilingual(
            "Pegawai unit pencegahan dan kepala kantor", "Prevention staff and heads"
        ),
        fields=Bilingual(
            "Nama pengguna pegawai yang membuka, mengisi, memvalidasi, dan mempublikasikan"
            " penilaian. Responden hanya berupa kode; unit yang dinilai adalah badan publik.",
            "User names of the staff who opened, entered, reviewed and published an"
            " assessment. Respondents are codes only; the unit assessed is a public body.",
        ),
        purpose=Bilingual(
            "Menunjukkan siapa yang menghasilkan setiap nilai penilaian kepatuhan.",
            "Showing who produced each figure of the compliance assessment.",
        ),
        legal_basis=LegalBasis.public_task,
        retention=Bilingual(
            "Selama penilaian disimpan (hasil yang dipublikasikan bersifat publik).",
            "As long as the assessment is kept (published results are public).",
        ),
        recipients=Bilingual(
            "Unit pencegahan, kepala, dan analis kantor itu.",
            "The office's prevention unit, head and analysts.",
        ),
        safeguards=Bilingual("Hanya kantor itu.", "That office only."),
    )
    for table, columns in (
        ("assessment", ("created_by", "published_by", "history")),
        ("assessment_entry", ("enumerator", "reviewed_by", "corrections")),
    )
)
