"""Examination's tables. A case carries what examination needs, never the reporter's identity."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import BigInteger, Column, DateTime, Identity
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

from apik_shared.platform.fields import timestamp_field, utcnow
from apik_shared.platform.processing import Bilingual, LegalBasis, Processing


class Case(SQLModel, table=True):
    __tablename__ = "examination_case"  # "case" is an SQL keyword

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    report_id: uuid.UUID = Field(unique=True)  # one case per handed-over report
    registration_number: str = Field(max_length=64)
    office: str = Field(index=True, max_length=32)
    track: str = Field(max_length=32)  # "regular" or "rapid_response"
    status: str = Field(max_length=32)
    kind: str = Field(max_length=16)
    channel: str = Field(max_length=32)
    substance: str | None = Field(default=None, max_length=64)
    reported_agency: str
    summary: str
    event_date: date | None = None
    reporter_id: uuid.UUID  # a reference into intake; identity is read there, audited
    confidential: bool
    handed_over_at: datetime = Field(sa_type=DateTime(timezone=True))
    opened_at: datetime = Field(default_factory=utcnow, sa_type=DateTime(timezone=True))
    # When a step dated in the past (an office's history) was last recorded; None once
    # a step is recorded as it happens. The breach scan lets such a case settle before
    # reporting a breach its past already held (sla.rules.breach_due).
    history_recorded_at: datetime | None = timestamp_field(default=None)
    version: int = 1
    classification: str | None = Field(default=None, max_length=16)
    examiner_id: str | None = Field(default=None, max_length=128)  # the gateway subject
    # A cache of the SLA clock for filtering lists in SQL, rewritten from the event log
    # on every transition and by the periodic scan (see sla.rules.SlaPhase).
    sla_policy_id: uuid.UUID | None = None
    sla_phase: str = Field(default="running", max_length=16)
    sla_warn_at: datetime | None = timestamp_field(default=None)
    sla_breach_at: datetime | None = timestamp_field(default=None)


class CaseEvent(SQLModel, table=True):
    """Everything that happened to a case, in order: the SLA's source and the timeline."""

    __tablename__ = "case_event"

    id: int | None = Field(default=None, sa_column=Column(BigInteger, Identity(), primary_key=True))
    case_id: uuid.UUID = Field(foreign_key="examination_case.id", index=True)
    type: str = Field(max_length=32)
    status: str | None = Field(default=None, max_length=32)  # the status entered, if any
    actor: str
    data: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSONB, nullable=False))
    at: datetime = timestamp_field(default_factory=utcnow)


class SlaPolicy(SQLModel, table=True):
    """One version of an SLA policy. Versions are never edited: a change is a new version."""

    __tablename__ = "sla_policy"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    track: str = Field(max_length=32)
    classification: str | None = Field(default=None, max_length=16)  # None: the fallback
    version: int
    target: int
    unit: str = Field(max_length=16)
    warning_ratio: float
    pause_statuses: list[str] = Field(default_factory=list, sa_column=Column(JSONB, nullable=False))
    effective_from: datetime = timestamp_field()
    note: str = ""
    created_by: str
    created_at: datetime = timestamp_field(default_factory=utcnow)


class SlaBreach(SQLModel, table=True):
    """A breach published once per case and policy version (the key makes it idempotent)."""

    __tablename__ = "sla_breach"

    case_id: uuid.UUID = Field(foreign_key="examination_case.id", primary_key=True)
    policy_id: uuid.UUID = Field(foreign_key="sla_policy.id", primary_key=True)
    breached_at: datetime = timestamp_field()
    detected_at: datetime = timestamp_field(default_factory=utcnow)


class Examiner(SQLModel, table=True):
    """An examiner on an office's roster: who may be assigned, and how much."""

    __tablename__ = "examiner"

    office: str = Field(primary_key=True, max_length=32)
    examiner_id: str = Field(primary_key=True, max_length=128)  # the gateway's subject
    display_name: str = Field(max_length=200)
    team: str = Field(default="", max_length=64)  # e.g. a keasistenan's examination team
    capacity: int  # open cases at most, for round-robin
    in_rotation: bool = True
    absent_from: date | None = None
    absent_until: date | None = None
    updated_at: datetime = timestamp_field(default_factory=utcnow)


class Rotation(SQLModel, table=True):
    """An office's round-robin: on or off, and whose turn was last (the row lock serialises)."""

    __tablename__ = "assignment_rotation"

    office: str = Field(primary_key=True, max_length=32)
    enabled: bool = False
    team: str | None = Field(default=None, max_length=64)  # draw from one team; None: all
    last_examiner_id: str | None = Field(default=None, max_length=128)
    updated_at: datetime = timestamp_field(default_factory=utcnow)


class AgencyContact(SQLModel, table=True):
    """A contact person (narahubung) at a reported agency, kept per office and reused."""

    __tablename__ = "agency_contact"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    office: str = Field(max_length=32)
    agency: str = Field(max_length=300)
    name: str = Field(max_length=200)
    position: str = Field(default="", max_length=200)
    phone: str = Field(default="", max_length=40)
    email: str = Field(default="", max_length=200)
    created_by: str
    created_at: datetime = timestamp_field(default_factory=utcnow)


class Activity(SQLModel, table=True):
    """Examination work on a case: letters, meetings, field visits, mediation sessions."""

    __tablename__ = "case_activity"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    case_id: uuid.UUID = Field(foreign_key="examination_case.id")
    kind: str = Field(max_length=32)
    held_on: date
    summary: str
    response_due: date | None = None  # a clarification letter's deadline for the agency
    contact_id: uuid.UUID | None = Field(default=None, foreign_key="agency_contact.id")
    documents: list[dict[str, str]] = Field(
        default_factory=list, sa_column=Column(JSONB, nullable=False)
    )
    recorded_by: str
    recorded_at: datetime = timestamp_field(default_factory=utcnow)


class Conclusion(SQLModel, table=True):
    """The final report (LHP) of a case: one per case."""

    __tablename__ = "case_conclusion"

    case_id: uuid.UUID = Field(foreign_key="examination_case.id", primary_key=True)
    finding: str = Field(max_length=32)
    forms: list[str] = Field(default_factory=list, sa_column=Column(JSONB, nullable=False))
    summary: str
    # [{"description": ..., "done_on": null | "YYYY-MM-DD"}], monitored until done.
    corrective_actions: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=Column(JSONB, nullable=False)
    )
    corrective_due_on: date | None = None
    reporter_response_until: date
    recommendation: str | None = None
    concluded_by: str
    concluded_at: datetime = timestamp_field(default_factory=utcnow)


class Closure(SQLModel, table=True):
    """How a case ended, with the public loss prevented or recovered (kerugian publik)."""

    __tablename__ = "case_closure"

    case_id: uuid.UUID = Field(foreign_key="examination_case.id", primary_key=True)
    outcome: str = Field(max_length=32)
    route: str = Field(max_length=32)
    note: str = ""
    public_loss_kind: str | None = Field(default=None, max_length=16)  # prevented/recovered
    public_loss_idr: int | None = Field(default=None, sa_type=BigInteger)
    public_loss_people: int | None = None
    public_loss_description: str | None = None
    closed_by: str
    closed_at: datetime = timestamp_field()
    recorded_at: datetime = timestamp_field(default_factory=utcnow)
    # The head's decision that the agency resolved it without every corrective action
    # done (or none listed): who, when and why, for the audit.
    head_decision_reason: str | None = None
    head_decision_by: str | None = Field(default=None, max_length=128)
    head_decision_at: datetime | None = timestamp_field(default=None)


class ReporterResponse(SQLModel, table=True):
    """The reporter's response to the final report (tanggapan pelapor atas LHP)."""

    __tablename__ = "reporter_response"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    case_id: uuid.UUID = Field(foreign_key="examination_case.id", index=True)
    stance: str = Field(max_length=16)  # agrees, objects, other
    text: str
    responded_at: datetime = timestamp_field()  # when the office received it
    respond_until: date  # the deadline when it came (the LHP's day + 14 days)
    late: bool
    recorded_by: str
    recorded_at: datetime = timestamp_field(default_factory=utcnow)


class Recommendation(SQLModel, table=True):
    """The recommendation (rekomendasi) after an LHP, binding on the agency (one per case).

    The agency's superior reports on its implementation within 60 days of receiving it
    (UU 37/2008 art. 38(2)): the deadline exists once the receipt is known.
    """

    __tablename__ = "case_recommendation"

    case_id: uuid.UUID = Field(foreign_key="examination_case.id", primary_key=True)
    text: str
    issued_at: datetime = timestamp_field()
    received_on: date | None = None  # the day the agency received it
    report_due_on: date | None = Field(default=None, index=True)  # received_on + 60 days
    issued_by: str
    recorded_at: datetime = timestamp_field(default_factory=utcnow)


class RecommendationReport(SQLModel, table=True):
    """A report on a recommendation's implementation (laporan pelaksanaan rekomendasi)."""

    __tablename__ = "recommendation_report"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    case_id: uuid.UUID = Field(foreign_key="case_recommendation.case_id", index=True)
    implementation: str = Field(max_length=16)  # implemented, partly, not_implemented
    text: str
    reported_at: datetime = timestamp_field()  # when the office received the report
    late: bool  # received after the deadline (or None due yet: False)
    recorded_by: str
    recorded_at: datetime = timestamp_field(default_factory=utcnow)


class Survey(SQLModel, table=True):
    """The reporter's satisfaction survey of a closed case, answered by link, once.

    Only a hash of the link's token is kept: a database dump does not let anyone answer.
    """

    __tablename__ = "case_survey"

    case_id: uuid.UUID = Field(foreign_key="examination_case.id", primary_key=True)
    token_hash: str = Field(unique=True, max_length=64)
    office: str = Field(max_length=32)
    examiner_id: str | None = Field(default=None, max_length=128)
    expires_at: datetime = timestamp_field()
    answers: dict[str, int] | None = Field(default=None, sa_column=Column(JSONB))
    comment: str | None = None
    answered_at: datetime | None = timestamp_field(default=None)
    created_at: datetime = timestamp_field(default_factory=utcnow)


# --- what these tables hold on people, and why (the record: docs/processing.md) -----

_EXAMINATION = Bilingual(
    "Memeriksa laporan yang diterima: klarifikasi ke instansi terlapor, kesimpulan (LHP),"
    " penutupan dan survei kepuasan (UU 37/2008).",
    "Examining accepted reports: clarification with the reported agency, the final report"
    " (LHP), closure and the satisfaction survey (UU 37/2008).",
)
_CASE_RETENTION = Bilingual(
    "Selama berkas perkara disimpan, lalu dianonimkan menurut periode retensi kelas data ini.",
    "As long as the case file is kept, then anonymised after this data class's retention period.",
)

PROCESSING: tuple[Processing, ...] = (
    Processing(
        table="examination_case",
        columns=("reporter_id", "summary", "reported_agency"),
        data_class="report_content",
        subjects=Bilingual(
            "Pelapor (melalui referensi), pihak ketiga dalam ringkasan",
            "Reporters (by reference), third parties named in the summary",
        ),
        fields=Bilingual(
            "Referensi pelapor di layanan penerimaan (tanpa identitas), ringkasan laporan,"
            " instansi terlapor; kegiatan, kesimpulan dan penutupan perkara.",
            "The reporter's reference in intake (no identity), the report's summary, the"
            " reported agency; the case's activities, conclusion and closure.",
        ),
        purpose=_EXAMINATION,
        legal_basis=LegalBasis.public_task,
        retention=_CASE_RETENTION,
        recipients=Bilingual(
            "Pemeriksa, penyelia pemeriksaan, kepala dan analis kantor itu. Identitas pelapor"
            " dibaca di layanan penerimaan, diaudit.",
            "The office's examiners, examination supervisors, head and analysts. The"
            " reporter's identity is read in intake, audited.",
        ),
        safeguards=Bilingual(
            "Tidak menyimpan identitas pelapor; hanya kantor itu (atau peran nasional).",
            "Keeps no reporter identity; that office only (or a national role).",
        ),
    ),
    Processing(
        table="reporter_response",
        columns=("text",),
        data_class="report_content",
        subjects=Bilingual(
            "Pelapor, pihak ketiga yang disebut dalam tanggapan",
            "Reporters, third parties named in the response",
        ),
        fields=Bilingual(
            "Tanggapan pelapor atas LHP: sikap (menerima, keberatan, lainnya), isi, waktu"
            " diterima.",
            "The reporter's response to the final report: stance (agrees, objects, other),"
            " text, when it was received.",
        ),
        purpose=_EXAMINATION,
        legal_basis=LegalBasis.public_task,
        retention=_CASE_RETENTION,
        recipients=Bilingual(
            "Pemeriksa, penyelia pemeriksaan, kepala dan analis kantor itu.",
            "The office's examiners, examination supervisors, head and analysts.",
        ),
        safeguards=Bilingual(
            "Hanya kantor itu (atau peran nasional); tidak dikirim dalam event.",
            "That office only (or a national role); never sent in an event.",
        ),
    ),
    Processing(
        table="agency_contact",
        columns=("name", "position", "phone", "email"),
        data_class="agency_contacts",
        subjects=Bilingual(
            "Narahubung di instansi terlapor", "Contact persons at reported agencies"
        ),
        fields=Bilingual("Nama, jabatan, telepon, email.", "Name, position, phone, email."),
        purpose=Bilingual(
            "Menghubungi instansi terlapor selama pemeriksaan.",
            "Reaching the reported agency during examination.",
        ),
        legal_basis=LegalBasis.public_task,
        retention=Bilingual(
            "Selama narahubung masih digunakan kantor, menurut periode retensi kelas data ini.",
            "While the office still uses the contact, within this data class's retention period.",
        ),
        recipients=Bilingual("Pemeriksa kantor itu.", "The office's examiners."),
        safeguards=Bilingual("Hanya kantor itu.", "That office only."),
    ),
    Processing(
        table="case_survey",
        columns=("comment", "answers"),
        data_class="survey_answers",
        subjects=Bilingual("Pelapor yang menjawab survei", "Reporters who answer the survey"),
        fields=Bilingual(
            "Jawaban survei kepuasan dan komentar; hash token tautan survei.",
            "Satisfaction survey answers and comment; the hash of the survey link's token.",
        ),
        purpose=Bilingual(
            "Mengukur indeks kepuasan masyarakat (IKM).",
            "Measuring the public satisfaction index (IKM).",
        ),
        legal_basis=LegalBasis.public_task,
        retention=_CASE_RETENTION,
        recipients=Bilingual(
            "Pembaca perkara di kantor itu; layanan pelaporan menerima nilai tanpa komentar.",
            "The case's readers in the office; reporting receives the scores without the comment.",
        ),
        safeguards=Bilingual("Hanya hash token yang disimpan.", "Only the token's hash is kept."),
    ),
    Processing(
        table="examiner",
        columns=("examiner_id", "display_name", "absent_from", "absent_until"),
        data_class="staff_activity",
        subjects=Bilingual("Pemeriksa", "Examiners"),
        fields=Bilingual(
            "Nama tampilan, tim, kapasitas, masa tidak hadir.",
            "Display name, team, capacity, absence.",
        ),
        purpose=Bilingual("Membagi perkara ke pemeriksa.", "Assigning cases to examiners."),
        legal_basis=LegalBasis.legitimate_interest,
        retention=Bilingual(
            "Selama pegawai ada dalam daftar pemeriksa.", "While the staff member is on the roster."
        ),
        recipients=Bilingual(
            "Penyelia pemeriksaan kantor itu.", "The office's examination supervisors."
        ),
        safeguards=Bilingual("Hanya kantor itu.", "That office only."),
    ),
)
