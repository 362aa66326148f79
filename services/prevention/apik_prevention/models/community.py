"""Sahabat Ombudsman: the office's community groups, their members (sealed), members'
training records, and the audit of reads of members' names and contacts."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Column, Text
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

from apik_shared.platform.fields import timestamp_field, utcnow
from apik_shared.platform.processing import Bilingual, LegalBasis, Processing

# --- Community (`community/`) -------------------------------------------------------------


class CommunityGroup(SQLModel, table=True):
    """A Sahabat Ombudsman group of the office, in a regency, for a segment (women,
    students, pupils, the general public)."""

    __tablename__ = "community_group"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    office: str = Field(max_length=32, index=True)
    name: str
    regency: str = Field(index=True)
    segment: str = Field(max_length=16)  # women, students, pupils, general
    created_by: str
    created_at: datetime = timestamp_field(default_factory=utcnow)
    version: int = 1


class CommunityMember(SQLModel, table=True):
    """A member of the community: who they are and how to reach them sealed together
    (`identity`), contact only with consent, the induction that makes them active. An
    alumnus's request to join (internship's `alumnus.joined_community`) arrives as a
    `candidate` without identity, which the alumnus completes with their join code."""

    __tablename__ = "community_member"
    __table_args__ = (
        CheckConstraint(
            "NOT has_contact OR consent_on IS NOT NULL",
            name="community_member_contact_needs_consent",
        ),
        CheckConstraint(
            "status = 'candidate' OR identity IS NOT NULL OR erased_at IS NOT NULL",
            name="community_member_known_once_past_candidate",
        ),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    office: str = Field(max_length=32, index=True)
    group_id: uuid.UUID | None = Field(default=None, foreign_key="community_group.id", index=True)
    # Sealed JSON: name, phone, email (context `community-member:<id>:identity`).
    identity: str | None = Field(default=None, sa_column=Column(Text))
    has_contact: bool = False
    consent_on: date | None = None
    consent_scope: list[str] = Field(default_factory=list, sa_column=Column(JSONB, nullable=False))
    inducted_on: date | None = None
    status: str = Field(max_length=16, index=True)  # candidate, active, inactive
    source: str = Field(max_length=16)  # office (recorded by the unit), alumni
    # The internship's alumnus (an opaque id), for members who joined from the network.
    alumnus_ref: str | None = Field(default=None, max_length=64, unique=True)
    # SHA-256 of the join code the alumnus was given; spent (null) once they complete.
    join_code_hash: str | None = Field(default=None, max_length=64, unique=True)
    created_by: str
    created_at: datetime = timestamp_field(default_factory=utcnow)
    # Set when the member's erasure request was answered: the identity, contact, consent
    # and alumnus link are gone, the row (and its trainings) stay for the counts.
    erased_at: datetime | None = timestamp_field(default=None)
    version: int = 1
    # The office's day an active member left (→ inactive), for the prevention reports;
    # cleared when they come back. Null for those who left before it was kept (0010).
    left_on: date | None = None


class CommunityTraining(SQLModel, table=True):
    """A training a member attended (after induction): what, when, who gave it."""

    __tablename__ = "community_training"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    office: str = Field(max_length=32)
    member_id: uuid.UUID = Field(foreign_key="community_member.id", index=True)
    title: str
    held_on: date
    hours: float | None = None
    organiser: str | None = None
    recorded_by: str
    recorded_at: datetime = timestamp_field(default_factory=utcnow)


class CommunityMemberRead(SQLModel, table=True):
    """The audit of every read of members' names and contacts in full."""

    __tablename__ = "community_member_read"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    office: str = Field(max_length=32)
    member_ids: list[str] = Field(sa_column=Column(JSONB, nullable=False))
    actor: str
    actor_username: str
    purpose: str  # the route: community-member, community-members
    at: datetime = timestamp_field(default_factory=utcnow)


_MEMBERS = Bilingual("Anggota Sahabat Ombudsman", "Sahabat Ombudsman members")
_UNIT = Bilingual(
    "Unit pencegahan kantor itu; peran lain melihatnya disamarkan.",
    "The office's prevention unit; other roles see it masked.",
)


def _staff(table: str, columns: tuple[str, ...], what: Bilingual) -> Processing:
    return Processing(
        table=table,
        columns=columns,
        data_class="staff_activity",
        subjects=Bilingual("Pegawai unit pencegahan", "Prevention staff"),
        fields=what,
        purpose=Bilingual(
            "Menunjukkan siapa yang mengelola komunitas.", "Showing who kept the community."
        ),
        legal_basis=LegalBasis.public_task,
        retention=Bilingual("Selama data anggota disimpan.", "As long as the member is kept."),
        recipients=Bilingual(
            "Unit pencegahan, kepala, dan analis kantor itu.",
            "The office's prevention unit, head and analysts.",
        ),
        safeguards=Bilingual("Hanya kantor itu.", "That office only."),
    )


PROCESSING: tuple[Processing, ...] = (
    Processing(
        table="community_member",
        columns=("identity", "has_contact", "consent_on", "consent_scope"),
        data_class="community_member",
        subjects=_MEMBERS,
        fields=Bilingual(
            "Nama, nomor telepon dan surel anggota, tanggal dan cakupan persetujuannya.",
            "The member's name, phone and email, the date and scope of their consent.",
        ),
        purpose=Bilingual(
            "Menjalankan komunitas Sahabat Ombudsman: induksi, pelatihan, menghubungi "
            "anggota, dan mencatat laporan yang mereka bawa.",
            "Running the Sahabat Ombudsman community: induction, training, contacting "
            "members, and recording the reports they bring.",
        ),
        legal_basis=LegalBasis.consent,
        retention=Bilingual(
            "Sampai anggota keluar atau menarik persetujuan, ditambah satu tahun.",
            "Until the member leaves or withdraws consent, plus one year.",
        ),
        recipients=_UNIT,
        safeguards=Bilingual(
            "Disegel (AES-GCM) dengan kunci layanan; kontak hanya dengan persetujuan "
            "tercatat; setiap pembacaan lengkap dicatat.",
            "Sealed (AES-GCM) with the service's keyring; contact only with recorded "
            "consent; every full read is audited.",
        ),
    ),
    Processing(
        table="community_member",
        columns=("group_id", "inducted_on", "status", "left_on", "source", "alumnus_ref"),
        data_class="community_membership",
        subjects=_MEMBERS,
        fields=Bilingual(
            "Kelompok, tanggal induksi, status dan tanggal keluar, asal keanggotaan, dan "
            "rujukan alumni magang.",
            "The group, induction date, status and the day they left, where the membership "
            "came from, and the internship alumnus's reference.",
        ),
        purpose=Bilingual(
            "Mengelola keanggotaan dan menghitung anggota aktif per kelompok.",
            "Keeping the membership and counting active members per group.",
        ),
        legal_basis=LegalBasis.consent,
        retention=Bilingual(
            "Selama keanggotaan ditambah satu tahun.", "The membership plus one year."
        ),
        recipients=Bilingual(
            "Unit pencegahan, kepala, dan analis kantor itu.",
            "The office's prevention unit, head and analysts.",
        ),
        safeguards=Bilingual("Hanya kantor itu.", "That office only."),
    ),
    Processing(
        table="community_training",
        columns=("title", "held_on", "hours", "organiser"),
        data_class="community_training",
        subjects=_MEMBERS,
        fields=Bilingual(
            "Pelatihan yang diikuti anggota: judul, tanggal, jam, penyelenggara.",
            "Trainings the member attended: title, date, hours, organiser.",
        ),
        purpose=Bilingual(
            "Mencatat pembinaan anggota komunitas.", "Recording the members' training."
        ),
        legal_basis=LegalBasis.consent,
        retention=Bilingual("Selama data anggota disimpan.", "As long as the member is kept."),
        recipients=Bilingual(
            "Unit pencegahan, kepala, dan analis kantor itu.",
            "The office's prevention unit, head and analysts.",
        ),
        safeguards=Bilingual("Hanya kantor itu.", "That office only."),
    ),
    Processing(
        table="community_member_read",
        columns=("actor", "actor_username", "purpose"),
        data_class="access_audit",
        subjects=Bilingual("Pegawai unit pencegahan", "Prevention staff"),
        fields=Bilingual(
            "Siapa membaca data anggota mana, kapan dan lewat rute apa.",
            "Who read which members' data, when and through which route.",
        ),
        purpose=Bilingual(
            "Akuntabilitas akses ke data anggota komunitas.",
            "Accountability of access to community members' data.",
        ),
        legal_basis=LegalBasis.legal_obligation,
        retention=Bilingual("Selama data anggota disimpan.", "As long as the members are kept."),
        recipients=Bilingual("Pejabat pelindungan data.", "The data protection officer."),
        safeguards=Bilingual("Hanya ditambah, tidak diubah.", "Appended only, never changed."),
    ),
    _staff(
        "community_group",
        ("created_by",),
        Bilingual("Nama pengguna pegawai pembuat kelompok.", "Who created the group."),
    ),
    _staff(
        "community_member",
        ("created_by",),
        Bilingual("Nama pengguna pegawai pencatat anggota.", "Who recorded the member."),
    ),
    _staff(
        "community_training",
        ("recorded_by",),
        Bilingual("Nama pengguna pegawai pencatat pelatihan.", "Who recorded the training."),
    ),
)
