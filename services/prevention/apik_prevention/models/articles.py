"""Publications (`articles/`): news, opinion pieces and press releases through their
editorial workflow, and the press releases' number counters."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import Column, Text, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

from apik_shared.platform.fields import timestamp_field, utcnow
from apik_shared.platform.processing import Bilingual, LegalBasis, Processing


class Article(SQLModel, table=True):
    """A news item, opinion piece or press release of one office."""

    __table_args__ = (UniqueConstraint("office", "number"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    office: str = Field(index=True, max_length=32)
    kind: str = Field(max_length=16, index=True)
    title: str
    summary: str | None = None
    body: str = Field(sa_column=Column(Text, nullable=False))
    language: str = Field(default="id", max_length=2)
    status: str = Field(max_length=16, index=True)
    author: str  # the staff user name who wrote it (four eyes: never its approver)
    approved_by: str | None = None
    approved_at: datetime | None = timestamp_field(default=None)
    # Press releases only: the number given on publication (`005/HM.01/I/2026`).
    number: str | None = Field(default=None, max_length=40)
    published_at: datetime | None = timestamp_field(default=None, index=True)
    published_on: date | None = None  # the office's calendar day of publication
    created_at: datetime = timestamp_field(default_factory=utcnow)
    history: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=Column(JSONB, nullable=False)
    )
    version: int = 1


class PressReleaseCounter(SQLModel, table=True):
    """The last press release number of an office in a year. Taken with an upsert that
    locks the row until the publishing transaction ends: two publications wait for each
    other, and a rolled-back one gives its number back (no gaps)."""

    __tablename__ = "press_release_counter"

    office: str = Field(primary_key=True, max_length=32)
    year: int = Field(primary_key=True)
    last: int = 0


PROCESSING: tuple[Processing, ...] = (
    Processing(
        table="article",
        columns=("author", "approved_by", "history"),
        data_class="staff_activity",
        subjects=Bilingual("Pegawai unit pencegahan dan kepala", "Prevention staff and the head"),
        fields=Bilingual(
            "Nama pengguna penulis, penyetuju, dan tiap langkah penyuntingan.",
            "User names of the author, the approver and each editorial step.",
        ),
        purpose=Bilingual(
            "Alur penyuntingan dengan persetujuan pihak kedua sebelum terbit.",
            "The editorial workflow, approved by a second person before publishing.",
        ),
        legal_basis=LegalBasis.public_task,
        retention=Bilingual("Selama publikasi disimpan.", "As long as the publication is kept."),
        recipients=Bilingual("Pencegahan, kepala, analis.", "Prevention unit, head, analysts."),
        safeguards=Bilingual(
            "Hanya kantor itu; halaman publik tidak menampilkan nama pengguna.",
            "That office only; the public page shows no user names.",
        ),
    ),
)
