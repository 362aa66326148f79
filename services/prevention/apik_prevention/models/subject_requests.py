"""Data-subject requests (UU 27/2022) of the people prevention keeps: access, correction
and erasure, each due 3 x 24 hours after it arrives."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Column, Text
from sqlmodel import Field, SQLModel

from apik_shared.platform.fields import timestamp_field, utcnow
from apik_shared.platform.processing import Bilingual, LegalBasis, Processing

# --- Subject requests (`subject_requests/`) -----------------------------------------------


class SubjectRequest(SQLModel, table=True):
    """A person's request about what the office keeps of them, received by the prevention
    unit (by letter, in person, by phone) and answered once by the deadline. What they
    asked and the answer are sealed; answering an erasure erases the person's identity."""

    __tablename__ = "subject_request"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    office: str = Field(max_length=32, index=True)
    subject: str = Field(max_length=32)  # community_member, focal_point
    subject_id: uuid.UUID = Field(index=True)
    kind: str = Field(max_length=16)  # access, correction, erasure
    detail: str | None = Field(default=None, sa_column=Column(Text))  # sealed
    status: str = Field(max_length=16, index=True)  # received, answered, refused
    received_by: str
    received_at: datetime = timestamp_field(default_factory=utcnow)
    due_at: datetime = timestamp_field()
    answer: str | None = Field(default=None, sa_column=Column(Text))  # sealed
    answered_by: str | None = None
    answered_at: datetime | None = timestamp_field(default=None)
    version: int = 1
    # When the subject-requests job announced it overdue (`subject_request.overdue`):
    # set once, under the row's lock, so two replicas never both announce it.
    overdue_announced_at: datetime | None = timestamp_field(default=None)


PROCESSING: tuple[Processing, ...] = (
    Processing(
        table="subject_request",
        columns=("subject_id", "kind", "detail", "answer", "received_at", "due_at"),
        data_class="data_subject_request",
        subjects=Bilingual(
            "Anggota Sahabat Ombudsman dan narahubung yang mengajukan permintaan",
            "Sahabat Ombudsman members and focal points making a request",
        ),
        fields=Bilingual(
            "Jenis permintaan (akses, perbaikan, penghapusan), isinya, jawaban, dan tenggatnya.",
            "The request's kind (access, correction, erasure), what was asked, the answer "
            "and its deadline.",
        ),
        purpose=Bilingual(
            "Memenuhi hak subjek data dalam 3 x 24 jam (UU 27/2022).",
            "Honouring the data subject's rights within 3 x 24 hours (UU 27/2022).",
        ),
        legal_basis=LegalBasis.legal_obligation,
        retention=Bilingual(
            "Lima tahun sejak dijawab, sebagai bukti pemenuhan.",
            "Five years after the answer, as proof it was honoured.",
        ),
        recipients=Bilingual(
            "Unit pencegahan kantor itu; pejabat pelindungan data.",
            "The office's prevention unit; the data protection officer.",
        ),
        safeguards=Bilingual(
            "Isi dan jawaban disegel (AES-GCM) dengan kunci layanan; daftar tanpa isi.",
            "What was asked and the answer sealed (AES-GCM) with the service's keyring; "
            "listings carry neither.",
        ),
    ),
    Processing(
        table="subject_request",
        columns=("received_by", "answered_by"),
        data_class="staff_activity",
        subjects=Bilingual("Pegawai unit pencegahan", "Prevention staff"),
        fields=Bilingual(
            "Nama pengguna pegawai yang menerima dan menjawab permintaan.",
            "User names of the staff who received and answered the request.",
        ),
        purpose=Bilingual(
            "Menunjukkan siapa yang memenuhi permintaan.", "Showing who honoured the request."
        ),
        legal_basis=LegalBasis.legal_obligation,
        retention=Bilingual("Selama permintaan disimpan.", "As long as the request is kept."),
        recipients=Bilingual("Unit pencegahan kantor itu.", "The office's prevention unit."),
        safeguards=Bilingual("Hanya kantor itu.", "That office only."),
    ),
)
