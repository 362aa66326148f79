"""Anti-maladministration villages (`villages/`): from nomination to the head's decision
letter, with the village instrument run as an assessment of the engine."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import Column, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

from apik_shared.platform.fields import timestamp_field, utcnow
from apik_shared.platform.processing import Bilingual, LegalBasis, Processing


class Village(SQLModel, table=True):
    """A village nominated in a year (a public body: its government, not its people)."""

    __table_args__ = (UniqueConstraint("office", "year", "regency", "district", "name"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    office: str = Field(index=True, max_length=32)
    name: str  # "Desa Padang Genting"
    district: str  # kecamatan
    regency: str  # kabupaten
    region: str  # province
    year: int = Field(index=True)
    stage: str = Field(max_length=24, index=True)
    nominated_by: str | None = None  # who proposed it (the regency, a district office)
    # The village instrument, scored by the assessment engine.
    assessment_id: uuid.UUID | None = Field(default=None, foreign_key="assessment.id")
    # The score when the office verified it (later scheme corrections do not move it).
    verified_total: float | None = None
    verified_label: str | None = None
    decree_number: str | None = Field(default=None, max_length=80)
    decided_on: date | None = None  # the office's calendar day of the decision
    decided_by: str | None = None
    created_by: str
    created_at: datetime = timestamp_field(default_factory=utcnow)
    # Each stage move: who, when, from, to, the note.
    history: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=Column(JSONB, nullable=False)
    )
    version: int = 1


PROCESSING: tuple[Processing, ...] = (
    Processing(
        table="village",
        columns=("created_by", "decided_by", "history"),
        data_class="staff_activity",
        subjects=Bilingual("Pegawai unit pencegahan dan kepala", "Prevention staff and the head"),
        fields=Bilingual(
            "Nama pengguna pegawai yang mencatat tiap tahap dan kepala yang memutuskan.",
            "User names of the staff who recorded each stage and the deciding head.",
        ),
        purpose=Bilingual(
            "Pembinaan desa anti maladministrasi.", "The anti-maladministration villages."
        ),
        legal_basis=LegalBasis.public_task,
        retention=Bilingual("Selama data desa disimpan.", "As long as the village is kept."),
        recipients=Bilingual("Pencegahan, kepala, analis.", "Prevention unit, head, analysts."),
        safeguards=Bilingual("Hanya kantor itu.", "That office only."),
    ),
)
