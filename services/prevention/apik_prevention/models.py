"""Every table of the prevention service.

No personal data is kept: respondents are codes, enumerators and reviewers are staff
user names, photos are references. A scheme version's definition is the JSON of
`schemes.schemas.SchemeDefinition`; once an assessment uses it, it is frozen.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import Column, LargeBinary, Text, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

from apik_shared.platform.fields import timestamp_field, utcnow
from apik_shared.platform.processing import Bilingual, LegalBasis, Processing


class SchemeVersion(SQLModel, table=True):
    """One version of an assessment scheme (`schemes/*.json` ships version 1 of each)."""

    __tablename__ = "scheme_version"
    __table_args__ = (UniqueConstraint("code", "version"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    code: str = Field(max_length=40, index=True)
    version: int
    title: str
    year_from: int
    year_to: int | None = None
    definition: dict[str, Any] = Field(sa_column=Column(JSONB, nullable=False))
    # Set when the first assessment is created with it; a frozen version never changes.
    frozen: bool = False
    based_on: uuid.UUID | None = None
    reason: str | None = None
    created_by: str
    created_at: datetime = timestamp_field(default_factory=utcnow)
    row_version: int = 1


class Assessment(SQLModel, table=True):
    """A unit assessed in a year with a scheme version."""

    __table_args__ = (UniqueConstraint("office", "year", "unit_type", "unit_name"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    office: str = Field(index=True, max_length=32)
    unit_name: str
    unit_type: str = Field(max_length=32)
    region: str
    regency: str | None = None
    year: int = Field(index=True)
    scheme_id: uuid.UUID = Field(foreign_key="scheme_version.id")
    status: str = Field(max_length=16, index=True)
    # The unit's corrective actions and recommendations: issued and followed up (None:
    # not known yet).
    follow_up_issued: int | None = None
    follow_up_done: int | None = None
    created_by: str
    created_at: datetime = timestamp_field(default_factory=utcnow)
    plenary_at: datetime | None = timestamp_field(default=None)
    published_at: datetime | None = timestamp_field(default=None)
    published_by: str | None = None
    # The score as published: the rapor and the public results read these, never a
    # recomputation that a later scheme correction would move.
    published_total: float | None = None
    published_label: str | None = None
    published_zone: str | None = Field(default=None, max_length=16)
    published_grade: str | None = Field(default=None, max_length=1)
    published_score: dict[str, Any] | None = Field(default=None, sa_column=Column(JSONB))
    # What happened to it: scheme changes, moves between draft, plenary and published.
    history: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=Column(JSONB, nullable=False)
    )
    version: int = 1


class AssessmentEntry(SQLModel, table=True):
    """One interview or observation checklist, by one enumerator, for the reviewer."""

    __tablename__ = "assessment_entry"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    assessment_id: uuid.UUID = Field(foreign_key="assessment.id", index=True)
    office: str = Field(max_length=32)
    respondent_type: str = Field(max_length=32)
    respondent_ref: str | None = Field(default=None, max_length=40)
    method: str = Field(max_length=16)
    taken_at: datetime = timestamp_field()
    place: str
    photos: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=Column(JSONB, nullable=False)
    )
    # [{"indicator": "P.1", "value": 3, "note": …}]
    answers: list[dict[str, Any]] = Field(sa_column=Column(JSONB, nullable=False))
    status: str = Field(max_length=16, index=True)
    enumerator: str
    submitted_at: datetime = timestamp_field(default_factory=utcnow)
    reviewed_by: str | None = None
    reviewed_at: datetime | None = timestamp_field(default=None)
    review_note: str | None = Field(default=None, sa_column=Column(Text))
    # Each correction: when, who, why, and the answers before and after.
    corrections: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=Column(JSONB, nullable=False)
    )
    version: int = 1


class CaseFollowUp(SQLModel, table=True):
    """What examination said about one case's corrective actions and recommendation
    (its `case.*` events), kept as flags that only ever turn on, so events arriving
    twice or out of order leave the same row."""

    __tablename__ = "case_follow_up"

    case_id: str = Field(primary_key=True, max_length=64)
    registration_number: str = Field(index=True, max_length=64)
    office: str = Field(max_length=32)
    # case.concluded with maladministration found and a corrective-action deadline.
    corrective: bool = False
    corrective_due_on: date | None = None
    # case.monitoring_started: actions still open when the deadline passed.
    monitoring: bool = False
    closed: bool = False  # case.closed
    recommendation: bool = False  # case.recommendation_issued
    # case.recommendation_reported: implemented, partly, not_implemented.
    implementation: str | None = Field(default=None, max_length=32)
    updated_at: datetime = timestamp_field(default_factory=utcnow)


class AssessmentCase(SQLModel, table=True):
    """A case of the office about the assessed unit, named by the prevention unit (the
    examination events do not name the agency reported on)."""

    __tablename__ = "assessment_case"

    assessment_id: uuid.UUID = Field(foreign_key="assessment.id", primary_key=True)
    registration_number: str = Field(primary_key=True, max_length=64)


# The record of processing (docs/processing.md). The assessment holds no citizen's data:
# respondents are codes, the unit assessed is a public body (`unit_name` names an office,
# not a person). What it holds of people is the staff's own work: who opened, entered,
# reviewed and published.
PROCESSING: tuple[Processing, ...] = tuple(
    Processing(
        table=table,
        columns=columns,
        data_class="staff_activity",
        subjects=Bilingual(
            "Pegawai unit pencegahan dan kepala kantor", "Prevention staff and heads"
        ),
        fields=Bilingual(
            "Nama pengguna pegawai yang membuka, mengisi, memvalidasi, dan mempublikasikan"
            " penilaian. Responden hanya berupa kode; unit yang dinilai adalah badan publik.",
            "User names of the staff who opened, entered, reviewed and published an"
            " assessment. Respondents are codes only; the unit assessed is a public body.",
        ),
        purpose=Bilingual(
            "Menunjukkan siapa yang menghasilkan setiap nilai penilaian kepatuhan.",
            "Showing who produced each figure of the compliance assessment.",
        ),
        legal_basis=LegalBasis.public_task,
        retention=Bilingual(
            "Selama penilaian disimpan (hasil yang dipublikasikan bersifat publik).",
            "As long as the assessment is kept (published results are public).",
        ),
        recipients=Bilingual(
            "Unit pencegahan, kepala, dan analis kantor itu.",
            "The office's prevention unit, head and analysts.",
        ),
        safeguards=Bilingual("Hanya kantor itu.", "That office only."),
    )
    for table, columns in (
        ("assessment", ("created_by", "published_by", "history")),
        ("assessment_entry", ("enumerator", "reviewed_by", "corrections")),
    )
)


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
PROCESSING = (
    *PROCESSING,
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
    attendance, the two tests, and the certificate's code hash once completed."""

    __tablename__ = "clinic_participant"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    clinic_id: uuid.UUID = Field(foreign_key="clinic.id", index=True)
    office: str = Field(max_length=32)
    name: str
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


PROCESSING = (
    *PROCESSING,
    Processing(
        table="clinic_participant",
        columns=("name", "agency", "pre_score", "post_score", "attended", "registered_by"),
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
            "Hanya kantor itu; kode sertifikat disimpan sebagai hash berkunci.",
            "That office only; certificate codes are stored as keyed hashes.",
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


# --- Studies (kajian) and their suggestions (`studies/`) --------------------------------
class Study(SQLModel, table=True):
    """A prevention study of one office, from its topic to the published study."""

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    office: str = Field(index=True, max_length=32)
    title: str
    topic: str  # what is studied and why (a public service, not a person)
    year: int = Field(index=True)
    stage: str = Field(max_length=16, index=True)
    created_by: str
    created_at: datetime = timestamp_field(default_factory=utcnow)
    history: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSONB))
    version: int = 1


class Suggestion(SQLModel, table=True):
    """A study's suggestion (saran perbaikan) to a named agency, tracked to follow-up."""

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    study_id: uuid.UUID = Field(foreign_key="study.id", index=True)
    office: str = Field(index=True, max_length=32)
    agency: str  # a public body
    text: str = Field(sa_column=Column(Text, nullable=False))
    due_on: date = Field(index=True)
    status: str = Field(max_length=16, index=True)
    closed_on: date | None = None  # the office's day it was followed up or not
    created_by: str
    created_at: datetime = timestamp_field(default_factory=utcnow)
    history: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSONB))
    version: int = 1


class SuggestionEvidence(SQLModel, table=True):
    """The agency's evidence of its follow-up (checked by content on upload)."""

    __tablename__ = "suggestion_evidence"

    suggestion_id: uuid.UUID = Field(foreign_key="suggestion.id", primary_key=True)
    filename: str
    media_type: str = Field(max_length=100)
    size: int
    sha256: str = Field(max_length=64)
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    uploaded_by: str
    uploaded_at: datetime = timestamp_field(default_factory=utcnow)


class SuggestionReminder(SQLModel, table=True):
    """A reminder around a suggestion's due date, once per offset (any replica)."""

    __tablename__ = "suggestion_reminder"
    __table_args__ = (UniqueConstraint("suggestion_id", "offset_days"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    suggestion_id: uuid.UUID = Field(foreign_key="suggestion.id", index=True)
    offset_days: int  # negative: before the due date; positive: after it
    days_left: int
    announced: bool
    recorded_at: datetime = timestamp_field(default_factory=utcnow)


PROCESSING = (
    *PROCESSING,
    *(
        Processing(
            table=table,
            columns=("created_by", "history"),
            data_class="staff_activity",
            subjects=Bilingual("Pegawai unit pencegahan", "Prevention staff"),
            fields=Bilingual(
                "Nama pengguna pegawai yang mencatat tiap langkah dan kemajuan.",
                "User names of the staff who recorded each step and progress note.",
            ),
            purpose=Bilingual(
                "Memantau kajian dan sarannya.", "Following studies and suggestions."
            ),
            legal_basis=LegalBasis.public_task,
            retention=Bilingual("Selama data kajian disimpan.", "As long as the study is kept."),
            recipients=Bilingual("Pencegahan, kepala, analis.", "Prevention unit, head, analysts."),
            safeguards=Bilingual("Hanya kantor itu.", "That office only."),
        )
        for table in ("study", "suggestion")
    ),
)
