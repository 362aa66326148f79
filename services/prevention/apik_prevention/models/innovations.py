"""The inventory of public service innovations (`innovations/`, KIP4 in the seeds): the
unit's own and the agencies' it oversees, as a simple register."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import Column, Text
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

from apik_shared.platform.fields import timestamp_field, utcnow
from apik_shared.platform.processing import Bilingual, LegalBasis, Processing


class Innovation(SQLModel, table=True):
    """One innovation: who owns it (the office itself or a named agency), what it is."""

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    office: str = Field(index=True, max_length=32)
    owner: str = Field(max_length=16, index=True)  # own, agency
    agency: str | None = None  # the public body, for an agency's innovation
    name: str
    description: str = Field(sa_column=Column(Text, nullable=False))
    category: str = Field(max_length=24, index=True)
    year: int = Field(index=True)  # the year it started
    started_on: date | None = None
    status: str = Field(max_length=16, index=True)  # planned, running, stopped
    link: str | None = None  # where it can be seen (an app, a page)
    created_by: str
    created_at: datetime = timestamp_field(default_factory=utcnow)
    history: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=Column(JSONB, nullable=False)
    )
    version: int = 1


PROCESSING: tuple[Processing, ...] = (
    Processing(
        table="innovation",
        columns=("created_by", "history"),
        data_class="staff_activity",
        subjects=Bilingual("Pegawai unit pencegahan", "Prevention staff"),
        fields=Bilingual(
            "Nama pengguna pegawai yang mencatat dan mengubah inovasi.",
            "User names of the staff who recorded and changed an innovation.",
        ),
        purpose=Bilingual("Inventarisasi inovasi pelayanan.", "The register of innovations."),
        legal_basis=LegalBasis.public_task,
        retention=Bilingual("Selama inventaris disimpan.", "As long as the register is kept."),
        recipients=Bilingual("Pencegahan, kepala, analis.", "Prevention unit, head, analysts."),
        safeguards=Bilingual("Hanya kantor itu.", "That office only."),
    ),
)
