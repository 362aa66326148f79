"""The citizen's saved form (issue 21): a draft sealed at rest, opened with a resume code
and a PIN shown once, gone at submission or expiry (`drafts/`)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlmodel import Field, SQLModel

from apik_shared.platform.fields import timestamp_field, utcnow
from apik_shared.platform.processing import Bilingual, LegalBasis, Processing


class PublicDraft(SQLModel, table=True):
    """One saved form. Nothing in it is readable without the keyring: the answers are one
    AES-GCM token bound to the row (`content`), the code and the PIN keyed hashes (the
    code's finds the row, so no code is stored to be matched); the office is the only
    clear value, for the form's list of substances on resume."""

    __tablename__ = "public_draft"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    code_hash: str = Field(max_length=64, unique=True)
    pin_hash: str = Field(max_length=64)
    office: str = Field(max_length=32)
    content: str  # FieldCipher token of the answers' JSON, context `public_draft:<id>`
    created_at: datetime = timestamp_field(default_factory=utcnow)
    updated_at: datetime = timestamp_field(default_factory=utcnow)
    expires_at: datetime = timestamp_field(index=True)


DRAFT_PROCESSING = Processing(
    table="public_draft",
    columns=("content",),
    data_class="report_draft",
    subjects=Bilingual(
        "Warga yang mengisi formulir laporan, dan pihak ketiga yang disebutnya",
        "Citizens filling in the report form, and third parties they name",
    ),
    fields=Bilingual(
        "Jawaban formulir yang disimpan untuk dilanjutkan (identitas, instansi terlapor,"
        " uraian, lokasi), disegel; hash kode lanjutan dan PIN. Berkas tidak disimpan.",
        "The form's answers saved to be resumed (identity, reported agency, account,"
        " place), sealed; hashes of the resume code and PIN. Files are not kept.",
    ),
    purpose=Bilingual(
        "Memungkinkan warga melanjutkan laporan yang belum dikirim di perangkat lain.",
        "Letting a citizen finish an unsent report later, on any device.",
    ),
    legal_basis=LegalBasis.consent,
    retention=Bilingual(
        "Dihapus saat laporan dikirim, dibuang oleh warga, atau kedaluwarsa"
        " (APIK_PUBLIC_DRAFT_DAYS, 7 hari sejak terakhir disimpan).",
        "Deleted when the report is sent, discarded by the citizen, or expired"
        " (APIK_PUBLIC_DRAFT_DAYS, 7 days after the last save).",
    ),
    recipients=Bilingual(
        "Tidak ada: hanya pemegang kode dan PIN yang membukanya; staf tidak membacanya.",
        "No one: only the holder of the code and PIN opens it; staff never read it.",
    ),
    safeguards=Bilingual(
        "Disegel AES-GCM terikat pada baris; kode dan PIN hanya disimpan sebagai HMAC;"
        " tebakan salah dibatasi per klien; tidak ada yang disimpan di peramban.",
        "Sealed with AES-GCM bound to the row; code and PIN kept as HMACs only; wrong"
        " guesses limited per client; nothing is kept in the browser.",
    ),
)
