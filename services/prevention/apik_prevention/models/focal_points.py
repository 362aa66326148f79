"""Focal points in agencies, their history, discussion groups, the audit of reads."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Column, Text
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

from apik_shared.platform.fields import timestamp_field, utcnow
from apik_shared.platform.processing import Bilingual, LegalBasis, Processing

# --- Focal points (`focal_points/`) -------------------------------------------------------


class FocalPoint(SQLModel, table=True):
    """A named contact in an agency who carries the office's prevention work there: role,
    agency, regency, validity, and contact details only with consent recorded (UU 27/2022
    Pasal 20 ayat (2) huruf a: its date and scope). The name, phone and email are sealed
    together with the service's keyring (`identity`, `focal_points.service.Identity`)."""

    __tablename__ = "focal_point"
    __table_args__ = (
        CheckConstraint(
            "NOT has_contact OR consent_on IS NOT NULL",
            name="focal_point_contact_needs_consent",
        ),
        CheckConstraint(
            "identity IS NOT NULL OR erased_at IS NOT NULL", name="focal_point_known_or_erased"
        ),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    office: str = Field(max_length=32, index=True)
    # Sealed JSON: name, phone, email (context `focal-point:<id>:identity`); null once
    # erased at the focal point's request (`erased_at`).
    identity: str | None = Field(default=None, sa_column=Column(Text))
    # Whether a phone or an email is sealed in `identity`: the constraint's witness.
    has_contact: bool = False
    role: str  # "Kepala Bagian Organisasi", "Pengelola Pengaduan"
    agency: str
    regency: str = Field(index=True)
    valid_from: date
    valid_until: date | None = None
    consent_on: date | None = None
    consent_scope: list[str] = Field(default_factory=list, sa_column=Column(JSONB, nullable=False))
    status: str = Field(max_length=16, index=True)  # invited, active, inactive
    created_by: str
    created_at: datetime = timestamp_field(default_factory=utcnow)
    # Set when their erasure request was answered: identity, contact and consent gone,
    # the row and its history kept for the KPI's counts.
    erased_at: datetime | None = timestamp_field(default=None)
    version: int = 1


class FocalPointChange(SQLModel, table=True):
    """One change of a focal point's activation status: from, to, why, who, when."""

    __tablename__ = "focal_point_change"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    focal_point_id: uuid.UUID = Field(foreign_key="focal_point.id", index=True)
    office: str = Field(max_length=32)
    from_status: str | None = None  # null for the first (invited)
    to_status: str
    note: str | None = None
    changed_by: str
    changed_at: datetime = timestamp_field(default_factory=utcnow)


class DiscussionGroup(SQLModel, table=True):
    """A discussion group of focal points (the seed's nine WhatsApp groups, one per
    regency): name, regency, channel, and its members (focal point ids)."""

    __tablename__ = "discussion_group"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    office: str = Field(max_length=32, index=True)
    name: str
    regency: str | None = None
    channel: str = Field(max_length=16)  # whatsapp, telegram, email, other
    members: list[str] = Field(default_factory=list, sa_column=Column(JSONB, nullable=False))
    created_by: str
    created_at: datetime = timestamp_field(default_factory=utcnow)
    version: int = 1


class FocalPointRead(SQLModel, table=True):
    """The audit of every read of focal points' names and contact details in full."""

    __tablename__ = "focal_point_read"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    office: str = Field(max_length=32)
    focal_point_ids: list[str] = Field(sa_column=Column(JSONB, nullable=False))
    actor: str
    actor_username: str
    purpose: str  # the route: focal-point, discussion-group
    at: datetime = timestamp_field(default_factory=utcnow)


def _staff(table: str, columns: tuple[str, ...], what: Bilingual) -> Processing:
    return Processing(
        table=table,
        columns=columns,
        data_class="staff_activity",
        subjects=Bilingual("Pegawai unit pencegahan", "Prevention staff"),
        fields=what,
        purpose=Bilingual(
            "Menunjukkan siapa yang mengelola narahubung.", "Showing who kept the focal points."
        ),
        legal_basis=LegalBasis.public_task,
        retention=Bilingual(
            "Selama data narahubung disimpan.", "As long as the focal point is kept."
        ),
        recipients=Bilingual(
            "Unit pencegahan, kepala, dan analis kantor itu.",
            "The office's prevention unit, head and analysts.",
        ),
        safeguards=Bilingual("Hanya kantor itu.", "That office only."),
    )


PROCESSING: tuple[Processing, ...] = (
    Processing(
        table="focal_point",
        columns=("identity", "role", "agency", "regency", "valid_from", "valid_until", "status"),
        data_class="focal_point",
        subjects=Bilingual("Narahubung (focal point) di instansi", "Focal points in agencies"),
        fields=Bilingual(
            "Nama, jabatan, instansi, kabupaten/kota, masa berlaku, dan status narahubung.",
            "The focal point's name, role, agency, regency, validity and status.",
        ),
        purpose=Bilingual(
            "Menjalankan jejaring pencegahan maladministrasi dan menghitung KPI narahubung.",
            "Running the prevention network and counting its focal points for the KPIs.",
        ),
        legal_basis=LegalBasis.public_task,
        retention=Bilingual(
            "Selama masa berlaku ditambah satu tahun.", "The validity plus one year."
        ),
        recipients=Bilingual(
            "Unit pencegahan kantor itu; kepala dan analis melihat nama yang disamarkan.",
            "The office's prevention unit; the head and analysts see the name masked.",
        ),
        safeguards=Bilingual(
            "Nama disegel (AES-GCM) dengan kunci layanan; hanya kantor itu; setiap pembacaan "
            "lengkap dicatat.",
            "The name sealed (AES-GCM) with the service's keyring; that office only; every "
            "full read is audited.",
        ),
    ),
    Processing(
        table="focal_point",
        columns=("identity", "has_contact", "consent_on", "consent_scope"),
        data_class="focal_point_contact",
        subjects=Bilingual("Narahubung (focal point) di instansi", "Focal points in agencies"),
        fields=Bilingual(
            "Nomor telepon dan surel narahubung, tanggal dan cakupan persetujuannya.",
            "The focal point's phone and email, the date and scope of their consent.",
        ),
        purpose=Bilingual(
            "Menghubungi narahubung dan memasukkannya ke grup diskusi.",
            "Contacting the focal point and adding them to discussion groups.",
        ),
        legal_basis=LegalBasis.consent,
        retention=Bilingual(
            "Sampai persetujuan ditarik atau masa berlaku berakhir.",
            "Until the consent is withdrawn or the validity ends.",
        ),
        recipients=Bilingual(
            "Unit pencegahan kantor itu; peran lain melihatnya disamarkan.",
            "The office's prevention unit; other roles see them masked.",
        ),
        safeguards=Bilingual(
            "Disegel (AES-GCM) dengan kunci layanan; tidak disimpan tanpa persetujuan "
            "tercatat; setiap pembacaan lengkap dicatat.",
            "Sealed (AES-GCM) with the service's keyring; never stored without recorded "
            "consent; every full read is audited.",
        ),
    ),
    Processing(
        table="focal_point_read",
        columns=("actor", "actor_username", "purpose"),
        data_class="access_audit",
        subjects=Bilingual("Pegawai unit pencegahan", "Prevention staff"),
        fields=Bilingual(
            "Siapa membaca data narahubung mana, kapan dan lewat rute apa.",
            "Who read which focal points' data, when and through which route.",
        ),
        purpose=Bilingual(
            "Akuntabilitas akses ke data narahubung.",
            "Accountability of access to focal points' data.",
        ),
        legal_basis=LegalBasis.legal_obligation,
        retention=Bilingual(
            "Selama data narahubung disimpan.", "As long as the focal points are kept."
        ),
        recipients=Bilingual("Pejabat pelindungan data.", "The data protection officer."),
        safeguards=Bilingual("Hanya ditambah, tidak diubah.", "Appended only, never changed."),
    ),
    _staff(
        "focal_point",
        ("created_by",),
        Bilingual("Nama pengguna pegawai pembuat.", "The creating staff's user name."),
    ),
    _staff(
        "focal_point_change",
        ("changed_by",),
        Bilingual("Nama pengguna pegawai yang mengubah status.", "Who changed the status."),
    ),
    _staff(
        "discussion_group",
        ("created_by",),
        Bilingual("Nama pengguna pegawai pembuat grup.", "Who created the group."),
    ),
)
