"""Coaching clinics (CCHC): sessions, participants, the audit of who read them."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import Column, Text
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

from apik_shared.platform.fields import timestamp_field, utcnow
from apik_shared.platform.processing import Bilingual, LegalBasis, Processing

# ---------------------------------------------------------------------------------------
# Coaching clinics (CCHC, `clinics/`): sessions for agencies' complaint handlers, their
# participants with attendance and pre- and post-test scores, and the certificates'
# verify codes (only their keyed hash is stored).
# ---------------------------------------------------------------------------------------


class Clinic(SQLModel, table=True):
    """One coaching clinic held by an office for agencies' complaint handlers."""

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    office: str = Field(index=True, max_length=32)
    title: str
    held_on: date = Field(index=True)
    place: str
    # The agencies invited (public bodies), in the order given.
    agencies: list[str] = Field(default_factory=list, sa_column=Column(JSONB, nullable=False))
    # The highest score of the pre- and post-test (the same test both times).
    max_score: int = 100
    status: str = Field(max_length=16, index=True)  # planned, completed
    created_by: str
    created_at: datetime = timestamp_field(default_factory=utcnow)
    completed_at: datetime | None = timestamp_field(default=None)
    completed_by: str | None = None
    version: int = 1


class ClinicParticipant(SQLModel, table=True):
    """A complaint handler registered for a clinic: name and agency (nothing else), the
    attendance, the two tests, and the certificate's code hash once completed. The name
    is sealed with the service's keyring (`identity`, `clinics.service.Identity`)."""

    __tablename__ = "clinic_participant"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    clinic_id: uuid.UUID = Field(foreign_key="clinic.id", index=True)
    office: str = Field(max_length=32)
    # Sealed JSON: name (context `clinic-participant:<id>:identity`).
    identity: str = Field(sa_column=Column(Text, nullable=False))
    agency: str
    attended: bool = False
    pre_score: int | None = None
    post_score: int | None = None
    verify_hash: str | None = Field(default=None, max_length=64, unique=True)
    registered_by: str
    registered_at: datetime = timestamp_field(default_factory=utcnow)


class ClinicParticipantRead(SQLModel, table=True):
    """The audit of every read of a clinic's participants' names in full: who, when,
    which clinic, which participants and through which route."""

    __tablename__ = "clinic_participant_read"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    office: str = Field(max_length=32)
    clinic_id: uuid.UUID = Field(index=True)
    participant_ids: list[str] = Field(sa_column=Column(JSONB, nullable=False))
    actor: str  # the staff member's subject
    actor_username: str
    purpose: str  # the route: clinic, participant, n-gain
    at: datetime = timestamp_field(default_factory=utcnow)


PROCESSING: tuple[Processing, ...] = (
    Processing(
        table="clinic_participant",
        columns=("identity", "agency", "pre_score", "post_score", "attended", "registered_by"),
        data_class="clinic_participant",
        subjects=Bilingual(
            "Petugas pengelola pengaduan instansi peserta klinik",
            "Agencies' complaint handlers taking part in a clinic",
        ),
        fields=Bilingual(
            "Nama, instansi, kehadiran, dan nilai pre-test dan post-test peserta; nama"
            " pengguna pegawai yang mendaftarkannya. Tidak ada NIK, kontak, atau alamat.",
            "The participant's name, agency, attendance and pre- and post-test scores; the"
            " user name of the staff who registered them. No NIK, contact or address.",
        ),
        purpose=Bilingual(
            "Menyelenggarakan klinik, mengukur N-gain, dan menerbitkan sertifikat.",
            "Running the clinic, measuring its N-gain and issuing the certificates.",
        ),
        legal_basis=LegalBasis.public_task,
        retention=Bilingual(
            "Selama data klinik disimpan (sertifikat harus dapat diverifikasi).",
            "As long as the clinic is kept (its certificates must stay verifiable).",
        ),
        recipients=Bilingual(
            "Unit pencegahan, kepala, dan analis kantor itu; verifikasi sertifikat publik"
            " hanya menampilkan nama yang disamarkan.",
            "The office's prevention unit, head and analysts; the public certificate check"
            " shows the name masked only.",
        ),
        safeguards=Bilingual(
            "Nama disegel (AES-GCM) dengan kunci layanan; hanya kantor itu; setiap pembacaan"
            " lengkap dicatat; kode sertifikat disimpan sebagai hash berkunci.",
            "The name sealed (AES-GCM) with the service's keyring; that office only; every"
            " full read is audited; certificate codes are stored as keyed hashes.",
        ),
    ),
    Processing(
        table="clinic_participant_read",
        columns=("actor", "actor_username", "purpose"),
        data_class="access_audit",
        subjects=Bilingual("Pegawai unit pencegahan", "Prevention staff"),
        fields=Bilingual(
            "Siapa membaca nama peserta klinik mana, kapan dan lewat rute apa.",
            "Who read which clinic participants' names, when and through which route.",
        ),
        purpose=Bilingual(
            "Akuntabilitas akses ke data peserta klinik.",
            "Accountability of access to clinic participants' data.",
        ),
        legal_basis=LegalBasis.legal_obligation,
        retention=Bilingual("Selama data klinik disimpan.", "As long as the clinic is kept."),
        recipients=Bilingual("Pejabat pelindungan data.", "The data protection officer."),
        safeguards=Bilingual("Hanya ditambah, tidak diubah.", "Appended only, never changed."),
    ),
    Processing(
        table="clinic",
        columns=("created_by", "completed_by"),
        data_class="staff_activity",
        subjects=Bilingual("Pegawai unit pencegahan", "Prevention staff"),
        fields=Bilingual(
            "Nama pengguna pegawai yang membuat dan menyelesaikan klinik.",
            "User names of the staff who created and completed a clinic.",
        ),
        purpose=Bilingual(
            "Menunjukkan siapa yang menyelenggarakan klinik.",
            "Showing who ran the clinic.",
        ),
        legal_basis=LegalBasis.public_task,
        retention=Bilingual("Selama data klinik disimpan.", "As long as the clinic is kept."),
        recipients=Bilingual(
            "Unit pencegahan, kepala, dan analis kantor itu.",
            "The office's prevention unit, head and analysts.",
        ),
        safeguards=Bilingual("Hanya kantor itu.", "That office only."),
    ),
)
