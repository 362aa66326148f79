"""Reporting's tables: the read model (facts, one row per aggregate) and the targets.

Facts are upserted from events keyed by the aggregate's id, so a replay or events out of
order converge on the same row (see `read_model/service/projection.py`). Each `*_on` column is the
date of the matching instant in the office's own zone (from the office registry; restated
when the office's registration or zone arrives): it decides the year and the month.
Targets are what heads enter; the rebuild never touches them.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy import BigInteger, DateTime, Numeric, SmallInteger
from sqlmodel import Field, SQLModel

from apik_shared.platform.fields import timestamp_field
from apik_shared.platform.processing import Bilingual, LegalBasis, Processing


class ReportFact(SQLModel, table=True):
    """A report or consultation as intake published it (report.*, consultation.recorded)."""

    __tablename__ = "report_fact"

    report_id: str = Field(primary_key=True, max_length=64)
    office: str = Field(index=True, max_length=32)
    # Which stage wrote the descriptive columns (kind, channel, substance, agency type):
    # a later stage's values win whatever order the events arrive in.
    attrs_stage: int = 0
    registration_number: str | None = None
    kind: str | None = Field(default=None, max_length=16)
    channel: str | None = Field(default=None, max_length=32)
    substance: str | None = Field(default=None, max_length=64)
    agency_type: str | None = Field(default=None, max_length=64)
    track: str | None = Field(default=None, max_length=32)
    registered_at: datetime | None = timestamp_field(default=None)
    registered_on: date | None = None
    verified_at: datetime | None = timestamp_field(default=None)
    verified_on: date | None = None
    verified_by: str | None = None  # the username; the gateway's subject beside it
    verified_by_subject: str | None = None
    rejected_at: datetime | None = timestamp_field(default=None)
    rejected_on: date | None = None
    rejected_by: str | None = None
    rejected_by_subject: str | None = None
    withdrawn_at: datetime | None = timestamp_field(default=None)
    withdrawn_on: date | None = None
    answered_at: datetime | None = timestamp_field(default=None)
    answered_on: date | None = None
    answered_by: str | None = None
    answered_by_subject: str | None = None


class CaseFact(SQLModel, table=True):
    """An examination case (case.opened, case.closed)."""

    __tablename__ = "case_fact"

    case_id: str = Field(primary_key=True, max_length=64)
    office: str = Field(index=True, max_length=32)
    attrs_stage: int = 0
    report_id: str | None = None
    registration_number: str | None = None
    track: str | None = Field(default=None, max_length=32)
    kind: str | None = Field(default=None, max_length=16)
    channel: str | None = Field(default=None, max_length=32)
    substance: str | None = Field(default=None, max_length=64)
    classification: str | None = Field(default=None, max_length=16)
    examiner_id: str | None = None
    opened_at: datetime | None = timestamp_field(default=None)
    opened_on: date | None = None
    # The last closure: a case closed again after a reopening counts once, then.
    closed_at: datetime | None = timestamp_field(default=None)
    closed_on: date | None = None
    outcome: str | None = Field(default=None, max_length=32)
    route: str | None = Field(default=None, max_length=32)
    finding: str | None = Field(default=None, max_length=32)
    working_days: int | None = None
    calendar_days: int | None = None
    sla_state: str | None = Field(default=None, max_length=16)
    # The public loss (kerugian publik) the last closure recorded as prevented or
    # recovered: its kind, amount and the people it touched (the description stays in
    # examination). Read by `read_model/service/losses.py`.
    public_loss_kind: str | None = Field(default=None, max_length=16)
    public_loss_idr: int | None = Field(default=None, sa_type=BigInteger)
    public_loss_people: int | None = None


class VisitFact(SQLModel, table=True):
    """A served visit of the consultation desk (visit.ended when the service ended,
    visit.completed when the visitor rated it: `rating` is None until then, or for good)."""

    __tablename__ = "visit_fact"

    visit_id: str = Field(primary_key=True, max_length=64)
    office: str = Field(index=True, max_length=32)
    category: str | None = Field(default=None, max_length=32)
    officer: str | None = None  # the username, as the desk names its officers
    officer_subject: str | None = None
    duration_seconds: int | None = None
    rating: int | None = None
    checked_in_at: datetime | None = timestamp_field(default=None)
    visited_on: date | None = None
    # visit.completed's (the rating's time): None while the visit is unrated.
    completed_at: datetime | None = timestamp_field(default=None)


class SurveyFact(SQLModel, table=True):
    """The reporter's answers to a closed case's satisfaction survey (case.surveyed).

    One column per IKM element (`apik_shared.vocabulary.ikm.Element`), 1 to 4; a value the event did
    not carry (or carried out of range) is None and the response is left out of the index.
    """

    __tablename__ = "survey_fact"

    case_id: str = Field(primary_key=True, max_length=64)
    office: str = Field(index=True, max_length=32)
    examiner_id: str | None = None
    answered_at: datetime | None = timestamp_field(default=None)
    answered_on: date | None = None
    requirements: int | None = Field(default=None, sa_type=SmallInteger)
    procedure: int | None = Field(default=None, sa_type=SmallInteger)
    completion_time: int | None = Field(default=None, sa_type=SmallInteger)
    cost: int | None = Field(default=None, sa_type=SmallInteger)
    product: int | None = Field(default=None, sa_type=SmallInteger)
    competence: int | None = Field(default=None, sa_type=SmallInteger)
    behaviour: int | None = Field(default=None, sa_type=SmallInteger)
    facilities: int | None = Field(default=None, sa_type=SmallInteger)
    complaint_handling: int | None = Field(default=None, sa_type=SmallInteger)


class FactMonth(SQLModel, table=True):
    """How many facts of an office and month have one combination of raw values, with the
    sums the averages need: kept by triggers on the fact tables (migration 0003), read
    by `read_model/service/monthly.py`. Each database session adds to rows of its own (`shard`)."""

    __tablename__ = "fact_month"

    office: str = Field(primary_key=True, max_length=32)
    month: date = Field(primary_key=True)  # the first day, in the office's calendar
    family: str = Field(primary_key=True, max_length=16)  # registered, verified, closed…
    k1: str = Field(primary_key=True, max_length=64)  # raw values; '' when missing
    k2: str = Field(primary_key=True, max_length=16)
    shard: int = Field(primary_key=True)
    n: int = Field(sa_type=BigInteger)
    sum1: int = Field(sa_type=BigInteger)
    n1: int = Field(sa_type=BigInteger)
    sum2: int = Field(sa_type=BigInteger)
    n2: int = Field(sa_type=BigInteger)


class Target(SQLModel, table=True):
    """An office's annual target for one indicator."""

    __tablename__ = "kpi_target"

    office: str = Field(primary_key=True, max_length=32)
    year: int = Field(primary_key=True)
    indicator: str = Field(primary_key=True, max_length=64)
    value: Decimal = Field(sa_type=Numeric(14, 2))
    set_by: str
    set_at: datetime = Field(sa_type=DateTime(timezone=True))


class InternFact(SQLModel, table=True):
    """An internship application as the internship service published it (intern.applied,
    intern.placed, intern.accepted, intern.completed): references only, no applicant."""

    __tablename__ = "intern_fact"

    application_id: str = Field(primary_key=True, max_length=64)
    office: str = Field(index=True, max_length=32)
    # Which stage wrote the descriptive columns: the accepted unit wins over the first
    # requested one, whatever order the events arrive in.
    attrs_stage: int = 0
    institution_kind: str | None = Field(default=None, max_length=32)
    unit: str | None = Field(default=None, max_length=64)
    period_end: date | None = None
    applied_at: datetime | None = timestamp_field(default=None)
    applied_on: date | None = None
    accepted_at: datetime | None = timestamp_field(default=None)
    accepted_on: date | None = None
    completed_at: datetime | None = timestamp_field(default=None)
    completed_on: date | None = None


class RedButtonFact(SQLModel, table=True):
    """A Red Button case's timing (red_button.*): the envelope's subject, the office, the
    severity and instants; no content, no mode, nobody's identity."""

    __tablename__ = "red_button_fact"

    case_id: str = Field(primary_key=True, max_length=64)
    office: str = Field(index=True, max_length=32)
    severity: str | None = Field(default=None, max_length=16)
    raised_at: datetime | None = timestamp_field(default=None)
    raised_on: date | None = None
    acknowledged_at: datetime | None = timestamp_field(default=None)
    # The highest escalation level reached (levels go 1, 2: so also how many escalations).
    escalations: int = Field(default=0, sa_type=SmallInteger)


# The facts as Core tables, for the projection's bulk upserts and the indicators'
# queries, which build SQL expressions rather than load rows.
REPORTS: sa.Table = ReportFact.__table__  # type: ignore[attr-defined]
CASES: sa.Table = CaseFact.__table__  # type: ignore[attr-defined]
VISITS: sa.Table = VisitFact.__table__  # type: ignore[attr-defined]
SURVEYS: sa.Table = SurveyFact.__table__  # type: ignore[attr-defined]
INTERNS: sa.Table = InternFact.__table__  # type: ignore[attr-defined]
RED_BUTTONS: sa.Table = RedButtonFact.__table__  # type: ignore[attr-defined]


# --- what these tables hold on people, and why (the record: docs/processing.md) -----

_STAFF_KPIS = Bilingual(
    "Indikator kinerja kantor dan pegawainya (laporan diverifikasi, dijawab, kunjungan dilayani).",
    "The office's and its staff's performance indicators (reports verified, answered,"
    " visits served).",
)

PROCESSING: tuple[Processing, ...] = tuple(
    Processing(
        table=table,
        columns=columns,
        data_class="staff_activity",
        subjects=Bilingual("Pegawai kantor", "The office's staff"),
        fields=Bilingual(
            "Nama pengguna dan subjek pegawai yang menangani setiap laporan, perkara atau"
            " kunjungan. Tidak ada identitas pelapor atau pengunjung.",
            "Username and subject of the staff member who handled each report, case or"
            " visit. No reporter's or visitor's identity.",
        ),
        purpose=_STAFF_KPIS,
        legal_basis=LegalBasis.legitimate_interest,
        retention=Bilingual(
            "Selama fakta disimpan untuk laporan tahunan.",
            "As long as the facts are kept for the annual report.",
        ),
        recipients=Bilingual(
            "Kepala dan analis kantor itu (rincian per pegawai).",
            "The office's head and analysts (the per-staff breakdown).",
        ),
        safeguards=Bilingual("Hanya kantor itu.", "That office only."),
    )
    for table, columns in (
        (
            "report_fact",
            (
                "verified_by",
                "verified_by_subject",
                "rejected_by",
                "rejected_by_subject",
                "answered_by",
                "answered_by_subject",
            ),
        ),
        ("case_fact", ("examiner_id",)),
        ("visit_fact", ("officer", "officer_subject")),
        ("survey_fact", ("examiner_id",)),
    )
)


# --- prevention facts ---------------------------------------------------------------
# The prevention service's events (reporting migration 0009): references, counts and
# published results, no person (no participant, focal point or signer is named).


class AssessmentFact(SQLModel, table=True):
    """A published compliance assessment (assessment.published): the result as published."""

    __tablename__ = "assessment_fact"

    assessment_id: str = Field(primary_key=True, max_length=64)
    office: str = Field(index=True, max_length=32)
    year: int | None = None  # the assessment's year (not the publication's)
    unit_type: str | None = Field(default=None, max_length=32)
    region: str | None = None
    regency: str | None = None
    scheme_code: str | None = Field(default=None, max_length=40)
    total: float | None = None
    label: str | None = None
    zone: str | None = Field(default=None, max_length=16)
    grade: str | None = Field(default=None, max_length=1)
    opinion: bool | None = None
    published_at: datetime | None = timestamp_field(default=None)
    published_on: date | None = None


class SuggestionFact(SQLModel, table=True):
    """A study's suggestion followed up (suggestion.followed_up)."""

    __tablename__ = "suggestion_fact"

    suggestion_id: str = Field(primary_key=True, max_length=64)
    office: str = Field(index=True, max_length=32)
    study_id: str | None = Field(default=None, max_length=64)
    due_on: date | None = None
    followed_up_on: date | None = None  # already the office's own date
    late: bool | None = None


class ClinicFact(SQLModel, table=True):
    """A completed coaching clinic (clinic.completed): counts and the class's gains."""

    __tablename__ = "clinic_fact"

    clinic_id: str = Field(primary_key=True, max_length=64)
    office: str = Field(index=True, max_length=32)
    held_on: date | None = None
    participants: int | None = None
    attended: int | None = None
    tested: int | None = None
    class_gain: float | None = None
    mean_gain: float | None = None
    completed_at: datetime | None = timestamp_field(default=None)
    completed_on: date | None = None


class FocalPointChangeFact(SQLModel, table=True):
    """A focal point's activation or deactivation (focal_point.activated / .deactivated),
    one row per change: a focal point may come and go over the years."""

    __tablename__ = "focal_point_change_fact"

    focal_point_id: str = Field(primary_key=True, max_length=64)
    changed_at: datetime = Field(primary_key=True, sa_type=DateTime(timezone=True))
    change: str = Field(primary_key=True, max_length=16)  # activated, deactivated
    office: str = Field(index=True, max_length=32)
    regency: str | None = None
    reactivated: bool = False
    changed_on: date | None = None


class AgreementFact(SQLModel, table=True):
    """An MoU or PKS (agreement.activated, agreement.expiring, agreement.ended)."""

    __tablename__ = "agreement_fact"

    agreement_id: str = Field(primary_key=True, max_length=64)
    office: str = Field(index=True, max_length=32)
    kind: str | None = Field(default=None, max_length=8)
    renewal: int | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    activated_at: datetime | None = timestamp_field(default=None)
    activated_on: date | None = None
    ended_on: date | None = None  # the office's date it left force
    end_status: str | None = Field(default=None, max_length=16)  # expired, terminated


ASSESSMENTS: sa.Table = AssessmentFact.__table__  # type: ignore[attr-defined]
SUGGESTIONS: sa.Table = SuggestionFact.__table__  # type: ignore[attr-defined]
CLINICS: sa.Table = ClinicFact.__table__  # type: ignore[attr-defined]
FOCAL_POINT_CHANGES: sa.Table = FocalPointChangeFact.__table__  # type: ignore[attr-defined]
AGREEMENTS: sa.Table = AgreementFact.__table__  # type: ignore[attr-defined]
