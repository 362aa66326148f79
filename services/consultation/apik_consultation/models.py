"""Every table of the desk. A visitor's name and phone are one encrypted blob
(`visits.service.seal_visitor`)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import BigInteger, Column, Identity, LargeBinary, Text
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

from apik_shared.platform.fields import timestamp_field, utcnow
from apik_shared.platform.processing import Bilingual, LegalBasis, Processing


class Visit(SQLModel, table=True):
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    office: str = Field(index=True, max_length=32)
    day: date  # the check-in's date in its office's zone; tickets restart daily
    ticket: int
    # What the visitor asked for, and what it is handled as (a late objection is a complaint).
    requested_category: str = Field(max_length=32)
    category: str = Field(max_length=32)
    description: str
    institution: str | None = None
    # AES-GCM ciphertext; '' once the retention period anonymised it (`anonymised_at`).
    visitor: str = Field(sa_column=Column(Text, nullable=False))
    tender_reference: str | None = None
    announced_on: date | None = None
    answer_due: date | None = None  # objections only
    answered_at: datetime | None = timestamp_field(default=None)
    answer: str | None = None
    # Sanggah banding, after the objection's answer.
    appealed_at: datetime | None = timestamp_field(default=None)
    appeal_guarantee: int | None = None  # rupiah
    appeal_answer_due: date | None = None
    appeal_answered_at: datetime | None = timestamp_field(default=None)
    appeal_answer: str | None = None
    status: str = Field(index=True, max_length=32)
    officer: str | None = None
    # The officer's full name as their token gave it when they served (printed on the form).
    officer_name: str | None = Field(default=None, max_length=200)
    outcome: str | None = None
    conversation: str | None = None
    checked_in_at: datetime = timestamp_field(default_factory=utcnow)
    started_at: datetime | None = timestamp_field(default=None)
    ended_at: datetime | None = timestamp_field(default=None)
    duration_seconds: int | None = None  # fixed when the service ends
    rating: int | None = None
    rating_comment: str | None = None
    rated_at: datetime | None = timestamp_field(default=None)
    created_by: str
    version: int = 1
    # When the visitor's name, phone, institution and signature were erased, their
    # retention period over (`visitors.service.retention`); the visit itself stays.
    anonymised_at: datetime | None = timestamp_field(default=None)


class VisitorRead(SQLModel, table=True):
    """The audit of every read of a visitor's name, phone and institution in full: who,
    when, which visit, why (the desk's counterpart of intake's `identity_read`)."""

    __tablename__ = "visitor_read"

    id: int | None = Field(default=None, sa_column=Column(BigInteger, Identity(), primary_key=True))
    office: str = Field(max_length=32)
    visit_id: uuid.UUID = Field(index=True)
    actor: str  # the token's subject
    actor_username: str
    actor_roles: list[str] = Field(default_factory=list, sa_column=Column(JSONB, nullable=False))
    purpose: str
    disclosure: str = Field(max_length=16)  # "full": masked reads carry no identity
    at: datetime = timestamp_field(default_factory=utcnow)


class VisitStep(SQLModel, table=True):
    """Every step taken on a visit, with the server's time: the clock is computed from it."""

    __tablename__ = "visit_step"

    id: int | None = Field(default=None, sa_column=Column(BigInteger, Identity(), primary_key=True))
    visit_id: uuid.UUID = Field(foreign_key="visit.id", index=True)
    step: str = Field(max_length=32)
    from_status: str | None = Field(default=None, max_length=32)
    to_status: str = Field(max_length=32)
    actor: str
    details: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSONB, nullable=False))
    at: datetime = timestamp_field(default_factory=utcnow)


class VisitSignature(SQLModel, table=True):
    """The visitor's drawn signature, kept apart so visit lists never load images."""

    __tablename__ = "visit_signature"

    visit_id: uuid.UUID = Field(foreign_key="visit.id", primary_key=True)
    media_type: str = Field(max_length=32)
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


class TicketCounter(SQLModel, table=True):
    """The last queue ticket issued per office and day (the upsert serialises)."""

    __tablename__ = "ticket_counter"

    office: str = Field(primary_key=True, max_length=32)
    day: date = Field(primary_key=True)
    last: int = 0


class Risk(SQLModel, table=True):
    """One entry of the office's procurement risk register."""

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    office: str = Field(index=True, max_length=32)
    title: str
    description: str | None = None
    tender_reference: str | None = None
    likelihood: int
    impact: int
    level: str = Field(max_length=16)  # from likelihood and impact, kept for filtering
    mitigation: str | None = None
    owner: str
    status: str = Field(max_length=16)
    review_on: date
    created_by: str
    created_at: datetime = timestamp_field(default_factory=utcnow)
    updated_at: datetime = timestamp_field(default_factory=utcnow)
    version: int = 1


# --- what these tables hold on people, and why (the record: docs/processing.md) -----

_DESK = Bilingual(
    "Melayani pengunjung meja layanan (konsultasi, pengaduan, sanggahan pengadaan) dan"
    " mengukur mutu layanannya.",
    "Serving the desk's visitors (consultations, complaints, procurement objections) and"
    " measuring the service's quality.",
)
_VISIT_RETENTION = Bilingual(
    "Selama catatan kunjungan disimpan, lalu dianonimkan menurut periode retensi kelas"
    " data ini; hitungan layanan tetap.",
    "As long as the visit's record is kept, then anonymised after this data class's"
    " retention period; the service counts stay.",
)

PROCESSING: tuple[Processing, ...] = (
    Processing(
        table="visit",
        columns=("visitor", "institution", "description", "conversation", "rating_comment"),
        data_class="desk_visitors",
        subjects=Bilingual("Pengunjung meja layanan", "Desk visitors"),
        fields=Bilingual(
            "Nama dan telepon (disegel), instansi atau perusahaan, keperluan, catatan"
            " percakapan, sanggahan dan jawabannya, penilaian dan komentar.",
            "Name and phone (sealed), institution or firm, what they came for, notes of the"
            " conversation, an objection and its answer, the rating and its comment.",
        ),
        purpose=_DESK,
        legal_basis=LegalBasis.public_task,
        retention=_VISIT_RETENTION,
        recipients=Bilingual(
            "Petugas dan penyelia meja layanan kantor itu; kepala dan analis melihatnya"
            " tersamar. Layanan pelaporan menerima hitungan tanpa identitas pengunjung.",
            "The office's desk officers and supervisors; heads and analysts see it masked."
            " Reporting receives counts without the visitor's identity.",
        ),
        safeguards=Bilingual(
            "Nama dan telepon disegel AES-GCM per baris; tersamar bagi peran yang tidak"
            " melayani; setiap pembacaan penuh diaudit (`visitor_read`).",
            "Name and phone sealed with AES-GCM per row; masked for roles that do not serve"
            " visitors; every full read audited (`visitor_read`).",
        ),
    ),
    Processing(
        table="visit_signature",
        columns=("content",),
        data_class="desk_visitors",
        subjects=Bilingual("Pengunjung meja layanan", "Desk visitors"),
        fields=Bilingual("Tanda tangan yang digambar.", "The drawn signature."),
        purpose=Bilingual(
            "Tanda terima pada formulir cetak kunjungan.", "Acknowledgement on the printed forms."
        ),
        legal_basis=LegalBasis.public_task,
        retention=_VISIT_RETENTION,
        recipients=Bilingual(
            "Staf meja layanan kantor itu, pada formulir cetak.",
            "The office's desk staff, on the printed forms.",
        ),
        safeguards=Bilingual(
            "Disimpan terpisah; tidak pernah dimuat dalam daftar kunjungan.",
            "Kept apart; never loaded with visit lists.",
        ),
    ),
    Processing(
        table="visitor_read",
        columns=("actor", "actor_username", "actor_roles", "purpose"),
        data_class="access_audit",
        subjects=Bilingual(
            "Pegawai yang membaca data pengunjung", "Staff who read visitors' personal data"
        ),
        fields=Bilingual(
            "Siapa membaca data pengunjung mana, kapan dan untuk apa.",
            "Who read which visitor's data, when and why.",
        ),
        purpose=Bilingual(
            "Akuntabilitas akses ke data pribadi pengunjung (diperiksa oleh DPO).",
            "Accountability of access to visitors' personal data (read by the DPO).",
        ),
        legal_basis=LegalBasis.legal_obligation,
        retention=Bilingual(
            "Selama data pengunjung yang dibaca disimpan.", "As long as the visitor's data is kept."
        ),
        recipients=Bilingual("Pejabat pelindungan data (DPO).", "The data protection officer."),
        safeguards=Bilingual("Hanya dibaca oleh peran DPO.", "Read by the DPO role only."),
    ),
)
