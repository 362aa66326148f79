"""MoU and cooperation agreements (PKS): documents, activities, reminders."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import Column, LargeBinary, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

from apik_shared.platform.fields import timestamp_field, utcnow
from apik_shared.platform.processing import Bilingual, LegalBasis, Processing

# --- Agreements (MoU and PKS): the agreements feature's tables --------------------------


class Agreement(SQLModel, table=True):
    """An MoU, or a PKS under an MoU, of one office with agencies and universities. A
    renewal is a new row pointing at the one it renews (`previous_id`, once each)."""

    __table_args__ = (UniqueConstraint("previous_id"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    office: str = Field(index=True, max_length=32)
    kind: str = Field(max_length=8)
    parent_id: uuid.UUID | None = Field(default=None, foreign_key="agreement.id", index=True)
    previous_id: uuid.UUID | None = Field(default=None, foreign_key="agreement.id")
    renewal: int = 0  # 0 for the first, 1 for its first renewal…
    number: str | None = Field(default=None, max_length=100)
    title: str
    # [{"name": "Universitas Bengkulu", "kind": "university"}]: institutions, not people.
    parties: list[dict[str, Any]] = Field(sa_column=Column(JSONB, nullable=False))
    starts_on: date
    ends_on: date = Field(index=True)
    status: str = Field(max_length=16, index=True)
    created_by: str
    created_at: datetime = timestamp_field(default_factory=utcnow)
    # Each step: when, who, what, and the reason of a termination.
    history: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=Column(JSONB, nullable=False)
    )
    version: int = 1


class AgreementDocument(SQLModel, table=True):
    """The signed document of an agreement (checked by content on upload)."""

    __tablename__ = "agreement_document"

    agreement_id: uuid.UUID = Field(foreign_key="agreement.id", primary_key=True)
    filename: str
    media_type: str = Field(max_length=100)
    size: int
    sha256: str = Field(max_length=64)
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    uploaded_by: str
    uploaded_at: datetime = timestamp_field(default_factory=utcnow)


class AgreementActivity(SQLModel, table=True):
    """Something done under an agreement: an internship, a clinic, a seminar."""

    __tablename__ = "agreement_activity"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    agreement_id: uuid.UUID = Field(foreign_key="agreement.id", index=True)
    kind: str = Field(max_length=16)
    title: str
    held_on: date | None = None
    reference: str | None = Field(default=None, max_length=100)
    created_by: str
    created_at: datetime = timestamp_field(default_factory=utcnow)


class AgreementReminder(SQLModel, table=True):
    """A reminder before an agreement's end date, recorded once per threshold whichever
    replica's job gets there first."""

    __tablename__ = "agreement_reminder"
    __table_args__ = (UniqueConstraint("agreement_id", "threshold"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    agreement_id: uuid.UUID = Field(foreign_key="agreement.id", index=True)
    threshold: int
    days_left: int
    announced: bool
    recorded_at: datetime = timestamp_field(default_factory=utcnow)


class AgreementDocumentRead(SQLModel, table=True):
    """Who downloaded an agreement's signed document, and when (it names and shows the
    signatures of the parties' officials)."""

    __tablename__ = "agreement_document_read"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    agreement_id: uuid.UUID = Field(foreign_key="agreement.id", index=True)
    read_by: str
    read_at: datetime = timestamp_field(default_factory=utcnow)


AGREEMENT_PROCESSING: tuple[Processing, ...] = (
    Processing(
        table="agreement",
        columns=("created_by", "history"),
        data_class="staff_activity",
        subjects=Bilingual("Pegawai unit pencegahan", "Prevention staff"),
        fields=Bilingual(
            "Nama pengguna pegawai yang mencatat, mengaktifkan, dan mengakhiri perjanjian."
            " Para pihak adalah lembaga, bukan orang.",
            "User names of the staff who recorded, activated and ended an agreement."
            " The parties are institutions, not people.",
        ),
        purpose=Bilingual(
            "Menunjukkan siapa yang mengelola setiap perjanjian kerja sama.",
            "Showing who managed each cooperation agreement.",
        ),
        legal_basis=LegalBasis.public_task,
        retention=Bilingual("Selama perjanjian disimpan.", "As long as the agreement is kept."),
        recipients=Bilingual(
            "Unit pencegahan, kepala, dan analis kantor itu.",
            "The office's prevention unit, head and analysts.",
        ),
        safeguards=Bilingual("Hanya kantor itu.", "That office only."),
    ),
    Processing(
        table="agreement_document",
        columns=("content", "uploaded_by"),
        data_class="staff_activity",
        subjects=Bilingual(
            "Pejabat penandatangan para pihak dan pegawai unit pencegahan",
            "The parties' signing officials and prevention staff",
        ),
        fields=Bilingual(
            "Dokumen perjanjian yang ditandatangani (nama, jabatan, dan tanda tangan pejabat"
            " penandatangan) dan nama pengguna pegawai yang mengunggahnya.",
            "The signed agreement (the signing officials' names, positions and signatures)"
            " and the user name of the staff who uploaded it.",
        ),
        purpose=Bilingual(
            "Bukti bahwa perjanjian berlaku; syarat pengaktifan.",
            "Proof that the agreement is in force; required to activate it.",
        ),
        legal_basis=LegalBasis.public_task,
        retention=Bilingual("Selama perjanjian disimpan.", "As long as the agreement is kept."),
        recipients=Bilingual(
            "Unit pencegahan, kepala, dan analis kantor itu.",
            "The office's prevention unit, head and analysts.",
        ),
        safeguards=Bilingual(
            "Hanya kantor itu; isi diperiksa saat diunggah.",
            "That office only; the content is checked on upload.",
        ),
    ),
    Processing(
        table="agreement_activity",
        columns=("created_by",),
        data_class="staff_activity",
        subjects=Bilingual("Pegawai unit pencegahan", "Prevention staff"),
        fields=Bilingual(
            "Nama pengguna pegawai yang mencatat kegiatan.",
            "User names of the staff who recorded an activity.",
        ),
        purpose=Bilingual(
            "Menunjukkan siapa yang mencatat kegiatan kerja sama.",
            "Showing who recorded each activity under an agreement.",
        ),
        legal_basis=LegalBasis.public_task,
        retention=Bilingual("Selama perjanjian disimpan.", "As long as the agreement is kept."),
        recipients=Bilingual(
            "Unit pencegahan, kepala, dan analis kantor itu.",
            "The office's prevention unit, head and analysts.",
        ),
        safeguards=Bilingual("Hanya kantor itu.", "That office only."),
    ),
)
PROCESSING: tuple[Processing, ...] = (
    *AGREEMENT_PROCESSING,
    Processing(
        table="agreement_document_read",
        columns=("read_by",),
        data_class="staff_activity",
        subjects=Bilingual("Pegawai yang mengunduh dokumen", "Staff who downloaded a document"),
        fields=Bilingual(
            "Nama pengguna pegawai yang mengunduh dokumen perjanjian yang ditandatangani,"
            " dan waktunya.",
            "User names of the staff who downloaded a signed agreement, and when.",
        ),
        purpose=Bilingual(
            "Jejak audit setiap pembacaan dokumen yang memuat tanda tangan pejabat.",
            "An audit trail of every read of a document bearing officials' signatures.",
        ),
        legal_basis=LegalBasis.public_task,
        retention=Bilingual("Selama perjanjian disimpan.", "As long as the agreement is kept."),
        recipients=Bilingual(
            "Kepala dan unit pencegahan kantor itu.", "The office's head and prevention unit."
        ),
        safeguards=Bilingual("Hanya kantor itu.", "That office only."),
    ),
)
