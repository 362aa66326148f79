"""Intake's tables. A reporter's identity is one encrypted blob (see `identity.py`)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Identity,
    Index,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlmodel import Field, SQLModel

from apik_shared.platform.fields import timestamp_field, utcnow


class Substance(SQLModel, table=True):
    """The configurable list of substance (sector) categories: the national catalogue
    (`office` None), edited nationally only, and each office's own additions, which
    only that office sees. Codes are unique across both (reports keep the code)."""

    code: str = Field(primary_key=True, max_length=64)
    name_id: str
    name_en: str
    active: bool = True
    office: str | None = Field(default=None, max_length=32, index=True)


class Reporter(SQLModel, table=True):
    """One report's reporter: the identity as given then, sealed (`identity.py`).

    The same person reporting again gets a new row with the same `person_id`, found
    through the blind indexes without decrypting anything."""

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    # No index of its own (0037): `reporter_office_<nik|phone|email>_index` serve the match.
    office: str = Field(max_length=32)
    # AES-GCM ciphertext; None once the retention period anonymised it (`anonymised_at`).
    identity: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    person_id: uuid.UUID = Field(index=True)
    nik_index: str | None = Field(default=None, max_length=64)
    phone_index: str | None = Field(default=None, max_length=64)
    email_index: str | None = Field(default=None, max_length=64)
    matched_on: list[str] = Field(default_factory=list, sa_column=Column(JSONB, nullable=False))
    created_at: datetime = timestamp_field(default_factory=utcnow)
    # Retention (`reporters.service.retention`): when the identity became a tombstone, and
    # when the links to the person's other reports were cut (indexes gone, own person id).
    anonymised_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    unlinked_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))


class IdentityRead(SQLModel, table=True):
    """The audit of every read of a reporter's identity: who, when, which report, why."""

    __tablename__ = "identity_read"

    id: int | None = Field(default=None, sa_column=Column(BigInteger, Identity(), primary_key=True))
    office: str = Field(max_length=32)
    report_id: uuid.UUID = Field(index=True)
    reporter_id: uuid.UUID
    actor: str  # the token's subject
    actor_username: str
    actor_roles: list[str] = Field(default_factory=list, sa_column=Column(JSONB, nullable=False))
    purpose: str
    disclosure: str = Field(max_length=16)  # "full", "masked" or "withheld"
    at: datetime = timestamp_field(default_factory=utcnow)


class Report(SQLModel, table=True):
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    office: str = Field(max_length=32)  # leads the composite indexes (0036)
    registration_number: str = Field(unique=True, max_length=64)
    kind: str = Field(max_length=16)
    channel: str = Field(max_length=32)
    status: str = Field(index=True, max_length=32)
    track: str | None = Field(default=None, max_length=32)
    reporter_id: uuid.UUID = Field(foreign_key="reporter.id")
    # The reporter asked that their identity be kept secret on this report.
    confidential: bool = False
    reported_agency: str | None = None
    agency_type: str | None = Field(default=None, max_length=32)
    agency_province: str | None = Field(default=None, max_length=2)
    agency_regency: str | None = Field(default=None, max_length=4)
    substance: str | None = Field(default=None, foreign_key="substance.code", max_length=64)
    summary: str
    chronology: str | None = None
    event_date: date | None = None
    maladministration: list[str] = Field(
        default_factory=list, sa_column=Column(JSONB, nullable=False)
    )
    location_province: str | None = Field(default=None, max_length=2)
    location_regency: str | None = Field(default=None, max_length=4)
    question: str | None = None  # KNL
    answer: str | None = None  # KNL
    answered_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    addressed_to: str | None = None  # TEMBUSAN
    linked_report_id: uuid.UUID | None = Field(default=None, foreign_key="report.id")
    outreach_id: uuid.UUID | None = Field(default=None, foreign_key="outreach.id")
    # The Sahabat Ombudsman member who brought it (an id of the prevention service's).
    community_member_id: uuid.UUID | None = Field(default=None)  # partial index below
    # A letter's own number (nomor surat) as its sender wrote it (migration 0030).
    letter_number: str | None = Field(default=None, max_length=100)
    link_type: str | None = Field(default=None, max_length=16)  # copy, duplicate, merged
    # The text's near-copy signature (`rules_duplicates.text_bands`), stored when the
    # duplicate search runs at registration: the text door looks reports up by it.
    text_bands: list[int] | None = Field(
        default=None, sa_column=Column(ARRAY(BigInteger), nullable=True)
    )
    represented: bool = False  # someone reports for the reporter (power of attorney)
    # Things formal verification must look at, e.g. "event_older_than_two_years".
    flags: list[str] = Field(default_factory=list, sa_column=Column(JSONB, nullable=False))
    # Until when the reporter may complete an incomplete report.
    completion_due: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    examination_unit: str | None = Field(default=None, max_length=100)  # set by the plenary
    # The PVL staff member working on it: the user's subject as the gateway's tokens carry
    # it (`user:<id>`), set by a supervisor (`assignment.py`).
    assignee: str | None = Field(default=None, max_length=128)
    assigned_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    # From examination's `case.closed`, for the reporter's tracking page.
    case_id: str | None = Field(default=None, max_length=64)
    case_outcome: str | None = Field(default=None, max_length=64)
    case_route: str | None = Field(default=None, max_length=64)
    case_closed_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    survey_token: str | None = Field(default=None, max_length=128)
    # HMAC of the reporter's tracking PIN (the PIN itself is shown once, never stored).
    tracking_pin_hash: str | None = Field(default=None, max_length=64)
    rejection_reason: str | None = None
    created_by: str
    # When the office received it (earlier than `created_at` for letters and history).
    received_at: datetime = timestamp_field(default_factory=utcnow)
    created_at: datetime = timestamp_field(default_factory=utcnow)
    updated_at: datetime = timestamp_field(default_factory=utcnow)
    version: int = 1
    # The reporter asked, through the office, for no more notifications (`notifications/`).
    notifications_stopped_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))


class ReportStep(SQLModel, table=True):
    """Every step taken on a report: the timeline, and who did what."""

    __tablename__ = "report_step"

    id: int | None = Field(default=None, sa_column=Column(BigInteger, Identity(), primary_key=True))
    report_id: uuid.UUID = Field(foreign_key="report.id", index=True)
    step: str = Field(max_length=64)
    from_status: str | None = Field(default=None, max_length=32)
    to_status: str = Field(max_length=32)
    actor: str
    details: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSONB, nullable=False))
    at: datetime = timestamp_field(default_factory=utcnow)


class TrackingAttempt(SQLModel, table=True):
    """Wrong tracking PINs per client, to lock out guessing (shared by every replica).

    Per client, not per report: a stranger's guesses lock out the stranger alone."""

    __tablename__ = "tracking_attempt"

    # A keyed hash of the client's address (`public.rules.client_key`): none is stored.
    client: str = Field(primary_key=True, max_length=32)
    failures: int = 0
    window_started_at: datetime = timestamp_field(default_factory=utcnow)
    locked_until: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))


class Attachment(SQLModel, table=True):
    """A file attached to a report; its content is sealed in the store (`sealing.py`).

    `sha256` is the checksum of the plain content. `storage_key` names the sealed file;
    rows from before sealing (migration 0014) have none, and their file is the plain
    content under its SHA-256."""

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    report_id: uuid.UUID = Field(foreign_key="report.id", index=True)
    filename: str = Field(max_length=255)
    media_type: str = Field(max_length=128)  # sniffed from the content
    size: int
    sha256: str = Field(max_length=64)
    storage_key: str | None = Field(default=None, max_length=64)
    uploaded_by: str
    uploaded_at: datetime = timestamp_field(default_factory=utcnow)


class Notice(SQLModel, table=True):
    """What the reporter was sent about their report, and on which channel."""

    id: int | None = Field(default=None, sa_column=Column(BigInteger, Identity(), primary_key=True))
    report_id: uuid.UUID = Field(foreign_key="report.id", index=True)
    channel: str = Field(max_length=32)
    message: str
    reason: str = Field(max_length=64)  # e.g. "formal_incomplete"
    sent_by: str
    sent_at: datetime = timestamp_field(default_factory=utcnow)


class DuplicateCandidate(SQLModel, table=True):
    """Two reports that may be the same matter, with the score and its reasons: one row
    a pair, `report_id` the report whose registration found it (the later), read from
    either end. No foreign keys: both ends come from the statement that writes the pair,
    and reports are never deleted (intake 0038)."""

    __tablename__ = "duplicate_candidate"

    report_id: uuid.UUID = Field(primary_key=True)
    candidate_id: uuid.UUID = Field(primary_key=True, index=True)
    score: float
    reasons: list[str] = Field(default_factory=list, sa_column=Column(JSONB, nullable=False))
    computed_at: datetime = timestamp_field(default_factory=utcnow)


class CrossOfficeCandidate(SQLModel, table=True):
    """A report of another office of the deployment that may be the same letter (a copy
    sent to both, as to the ministry and the vice-president's secretariat). Only the
    other office's code and name, the number and the status are ever shown from it."""

    __tablename__ = "cross_office_candidate"

    report_id: uuid.UUID = Field(foreign_key="report.id", primary_key=True)
    candidate_id: uuid.UUID = Field(foreign_key="report.id", primary_key=True)
    similarity: float
    computed_at: datetime = timestamp_field(default_factory=utcnow)


class Letter(SQLModel, table=True):
    """An incoming or outgoing letter in the office's agenda, linked to a report or not."""

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    office: str = Field(max_length=32)
    direction: str = Field(max_length=16)  # "incoming" or "outgoing"
    agenda_number: str = Field(max_length=64)
    letter_number: str | None = Field(default=None, max_length=100)
    letter_date: date | None = None
    correspondent: str  # the sender of an incoming letter, the recipient of an outgoing one
    subject: str
    report_id: uuid.UUID | None = Field(default=None, foreign_key="report.id")
    handled_on: date
    created_by: str
    created_at: datetime = timestamp_field(default_factory=utcnow)


class LetterCounter(SQLModel, table=True):
    __tablename__ = "letter_counter"

    office: str = Field(primary_key=True, max_length=32)
    year: int = Field(primary_key=True)
    direction: str = Field(primary_key=True, max_length=16)
    last: int = 0


class ArchiveFile(SQLModel, table=True):
    """A physical complaint file on a shelf."""

    __tablename__ = "archive_file"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    office: str = Field(max_length=32)
    code: str = Field(max_length=64)
    title: str
    location: str | None = None
    report_id: uuid.UUID | None = Field(default=None, foreign_key="report.id")
    created_by: str
    created_at: datetime = timestamp_field(default_factory=utcnow)


class ArchiveLoan(SQLModel, table=True):
    """A file lent out: to whom, until when, and when it came back."""

    __tablename__ = "archive_loan"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    office: str = Field(max_length=32)
    file_id: uuid.UUID = Field(foreign_key="archive_file.id")
    borrower: str
    purpose: str | None = None
    due_on: date
    borrowed_at: datetime = timestamp_field(default_factory=utcnow)
    lent_by: str
    returned_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    received_by: str | None = None


class Outreach(SQLModel, table=True):
    """An outreach programme (on-the-spot intake, jemput laporan, Ombudsman Mendengar):
    reports taken there refer to it."""

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    office: str = Field(max_length=32)
    kind: str = Field(max_length=32)
    title: str
    held_on: date
    place: str
    regency: str | None = Field(default=None, max_length=4)
    created_by: str
    created_at: datetime = timestamp_field(default_factory=utcnow)


class Notification(SQLModel, table=True):
    """A message to a report's reporter, written in the transaction of the step that
    causes it and sent by `jobs.send_notifications_once` (`notifications/`).

    One per (report, kind, channel): a step taken again, or an event delivered twice,
    never queues a second message. The recipient is sealed; the subject and body are
    rendered from the office's template when sent, and kept as sent."""

    __table_args__ = (UniqueConstraint("report_id", "kind", "channel"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    office: str = Field(max_length=32)
    report_id: uuid.UUID = Field(foreign_key="report.id")
    kind: str = Field(max_length=16)  # registered, incomplete, decision, closure, survey
    channel: str = Field(max_length=16)  # email, whatsapp
    recipient: str = Field(sa_column=Column(Text, nullable=False))  # FieldCipher
    # What the template fills in besides the report's number and status (deadline,
    # notice, survey link): references and dates, the notice text as the officer wrote it.
    values: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSONB, nullable=False))
    subject: str | None = None
    body: str | None = None
    status: str = Field(default="pending", max_length=16)  # pending, sent, failed, skipped
    attempts: int = 0
    next_attempt_at: datetime = timestamp_field(default_factory=utcnow)
    last_error: str | None = None
    sent_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    created_at: datetime = timestamp_field(default_factory=utcnow)


class NotificationTemplate(SQLModel, table=True):
    """An office's own wording of one kind of notification (else the default in code)."""

    __tablename__ = "notification_template"

    office: str = Field(primary_key=True, max_length=32)
    kind: str = Field(primary_key=True, max_length=16)
    subject: str
    body: str
    updated_by: str
    updated_at: datetime = timestamp_field(default_factory=utcnow)


# --- open311 ---
# The facade's public list reads the `open311` channel's reports only (migration 0026).
Index(
    "ix_report_open311",
    Report.__table__.c.office,  # type: ignore[attr-defined]
    Report.__table__.c.received_at,  # type: ignore[attr-defined]
    postgresql_where=text("channel = 'open311'"),
)
for _column in ("outreach_id", "community_member_id"):  # the reports naming one (0036)
    _named = Report.__table__.c[_column]  # type: ignore[attr-defined]
    Index(f"ix_report_{_column}", _named, postgresql_where=_named.is_not(None))
# --- Community (Sahabat Ombudsman members, prevention's) ----------------------------------


class CommunityMemberCopy(SQLModel, table=True):
    """Intake's copy of the prevention service's community members (from
    `community_member.status_changed`): which ids are active members of which office, so
    that a report on the `community` channel names one. No name: an id and a status."""

    __tablename__ = "community_member_copy"

    id: uuid.UUID = Field(primary_key=True)
    office: str = Field(max_length=32)
    status: str = Field(max_length=16)  # candidate, active, inactive
    changed_at: datetime = timestamp_field()


# --- portal pull (integration's phase 2) ---


class PortalOrigin(SQLModel, table=True):
    """A report registered from a complaint a portal assigned to the office: the portal
    and its tracking id (the report's external id), once, so a complaint announced twice
    is registered once."""

    __tablename__ = "portal_origin"

    portal: str = Field(primary_key=True, max_length=64)
    external_id: str = Field(primary_key=True, max_length=200)
    report_id: uuid.UUID | None = Field(default=None, foreign_key="report.id", unique=True)
    office: str = Field(max_length=32)
    pulled_id: str = Field(max_length=64)  # integration's id of the pulled complaint
    created_at: datetime = timestamp_field(default_factory=utcnow)


# --- in modules of their own: a pulled complaint's files (issue 20), the citizen's saved
# form (issue 21), and what every table holds on people (the record of processing) ---
from apik_intake.models.drafts import PublicDraft as PublicDraft  # noqa: E402
from apik_intake.models.portal_files import PortalFile as PortalFile  # noqa: E402
from apik_intake.models.processing import PROCESSING as PROCESSING  # noqa: E402
