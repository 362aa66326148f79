"""Acceptance letters and certificates, learning, evaluations, and alumni."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import BigInteger, Column, Identity, LargeBinary, Text, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

from apik_shared.platform.fields import timestamp_field, utcnow

# --- Acceptance letters, certificates, learning, evaluations and alumni ----------------
# (issue 18, branch s25-mori-learning; kept in one block at the end for the merge)


class AcceptanceLetter(SQLModel, table=True):
    """An accepted application's letter, once first printed: the keyed hash of the code
    its QR carries (`applications.rules.document_code`), to verify it in public."""

    __tablename__ = "acceptance_letter"

    application_id: uuid.UUID = Field(foreign_key="application.id", primary_key=True)
    office: str = Field(max_length=32, index=True)
    verify_hash: str = Field(unique=True, max_length=64)
    issued_by: str
    issued_at: datetime = timestamp_field(default_factory=utcnow)


class Certificate(SQLModel, table=True):
    """The certificate of an internship completed by the rules (`certificates.rules`),
    with the recap the decision was made on: one per application."""

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    application_id: uuid.UUID = Field(foreign_key="application.id", unique=True)
    office: str = Field(max_length=32, index=True)
    verify_hash: str = Field(unique=True, max_length=64)
    working_days: int  # of the period, by the office's calendar
    days_present: int  # attended, or away on approved leave or sick days
    logbook_approved: int  # approved daily logbook entries
    evaluation_score: int  # the supervisors' final evaluation, 0 to 100
    # Counted from the intern's records; what the supervisor stated for the working days
    # before the records began is kept apart (included in the totals above), with why.
    records_began: date | None = None
    stated_days_present: int | None = None
    stated_logbook_approved: int | None = None
    stated_reason: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    issued_by: str
    issued_at: datetime = timestamp_field(default_factory=utcnow)
    version: int = 1


class LearningMaterial(SQLModel, table=True):
    """A document of the office's learning library: the guidebook, a module, an SOP.
    Its content is in versions; interns acknowledge each version they read."""

    __tablename__ = "learning_material"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    office: str = Field(max_length=32, index=True)
    kind: str = Field(max_length=16)  # guidebook, module, sop (`learning.rules.MaterialKind`)
    title: str
    created_by: str
    created_at: datetime = timestamp_field(default_factory=utcnow)
    latest_version: int = 0  # 0 until the first file is published


class LearningVersion(SQLModel, table=True):
    """One published version of a material: its file, as uploaded (not personal data)."""

    __tablename__ = "learning_version"
    __table_args__ = (UniqueConstraint("material_id", "number"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    material_id: uuid.UUID = Field(foreign_key="learning_material.id", index=True)
    number: int
    note: str | None = None  # what changed
    filename: str = Field(max_length=255)
    media_type: str = Field(max_length=128)
    size: int
    sha256: str = Field(max_length=64)
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    published_by: str
    published_at: datetime = timestamp_field(default_factory=utcnow)


class LearningAcknowledgement(SQLModel, table=True):
    """An intern's statement that they read a version (once per version)."""

    __tablename__ = "learning_acknowledgement"

    version_id: uuid.UUID = Field(foreign_key="learning_version.id", primary_key=True)
    application_id: uuid.UUID = Field(foreign_key="application.id", primary_key=True)
    acknowledged_at: datetime = timestamp_field(default_factory=utcnow)


class LearningResult(SQLModel, table=True):
    """An intern's pre- and post-test scores on a module, as the supervisor records them
    (`learning.rules` scores them by N-gain)."""

    __tablename__ = "learning_result"

    material_id: uuid.UUID = Field(foreign_key="learning_material.id", primary_key=True)
    application_id: uuid.UUID = Field(foreign_key="application.id", primary_key=True)
    office: str = Field(max_length=32)
    max_score: int
    pre_score: int | None = None
    post_score: int | None = None
    recorded_by: str
    recorded_at: datetime = timestamp_field(default_factory=utcnow)
    version: int = 1


class Evaluation(SQLModel, table=True):
    """A filled rubric (`evaluations.rules`): of an intern by a supervisor, or of the
    unit or the programme by the intern. One per evaluator, subject and internship."""

    __table_args__ = (UniqueConstraint("application_id", "subject", "evaluator"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    office: str = Field(max_length=32, index=True)
    application_id: uuid.UUID = Field(foreign_key="application.id", index=True)
    subject: str = Field(max_length=16)  # intern, unit, programme
    target: str = Field(max_length=64)  # the unit evaluated; "programme"; "intern"
    evaluator: str  # the username of whoever filled it
    scores: dict[str, int] = Field(default_factory=dict, sa_column=Column(JSONB, nullable=False))
    score: float  # 0 to 100
    comment: str | None = Field(default=None, sa_column=Column(Text))  # sealed
    submitted_at: datetime = timestamp_field(default_factory=utcnow)


class FinalReport(SQLModel, table=True):
    """The intern's final report (the file), replaced by a later upload."""

    __tablename__ = "final_report"

    application_id: uuid.UUID = Field(foreign_key="application.id", primary_key=True)
    office: str = Field(max_length=32)
    filename: str = Field(max_length=255)
    media_type: str = Field(max_length=128)
    size: int
    sha256: str = Field(max_length=64)
    content: str = Field(sa_column=Column(Text, nullable=False))  # sealed
    uploaded_at: datetime = timestamp_field(default_factory=utcnow)
    version: int = 1


class Alumnus(SQLModel, table=True):
    """A former intern in the office's network (`alumni.rules`): the record sealed, the
    consent per field and the visibility the alumnus chose."""

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    office: str = Field(max_length=32, index=True)
    application_id: uuid.UUID | None = Field(
        default=None, foreign_key="application.id", unique=True
    )
    # Sealed JSON: name, address, institution, network, email. None once erased.
    record: str | None = Field(default=None, sa_column=Column(Text))
    consent: dict[str, bool] = Field(default_factory=dict, sa_column=Column(JSONB, nullable=False))
    visibility: str = Field(max_length=16)
    created_by: str
    created_at: datetime = timestamp_field(default_factory=utcnow)
    updated_at: datetime = timestamp_field(default_factory=utcnow)
    erased_at: datetime | None = timestamp_field(default=None)
    # When the alumnus asked to join the office's Sahabat Ombudsman community (once).
    community_joined_at: datetime | None = timestamp_field(default=None)
    version: int = 1


class AlumnusLink(SQLModel, table=True):
    """A magic link the alumnus updates their record with: its keyed hash, expiry, use."""

    __tablename__ = "alumnus_link"

    token_hash: str = Field(primary_key=True, max_length=64)
    alumnus_id: uuid.UUID = Field(foreign_key="alumnus.id", index=True)
    expires_at: datetime = timestamp_field()
    used_at: datetime | None = timestamp_field(default=None)
    created_by: str
    created_at: datetime = timestamp_field(default_factory=utcnow)


class AlumnusRequest(SQLModel, table=True):
    """An alumnus's request (access, correction, erasure), due within the PDP deadline."""

    __tablename__ = "alumnus_request"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    office: str = Field(max_length=32, index=True)
    alumnus_id: uuid.UUID = Field(foreign_key="alumnus.id", index=True)
    kind: str = Field(max_length=16)
    detail: str | None = Field(default=None, sa_column=Column(Text))  # sealed
    status: str = Field(max_length=16)
    received_at: datetime = timestamp_field(default_factory=utcnow)
    due_at: datetime = timestamp_field()
    answer: str | None = Field(default=None, sa_column=Column(Text))  # sealed
    answered_by: str | None = None
    answered_at: datetime | None = timestamp_field(default=None)
    version: int = 1


class AlumnusRead(SQLModel, table=True):
    """The audit of every read of an alumnus's record beyond what they made public."""

    __tablename__ = "alumnus_read"

    id: int | None = Field(default=None, sa_column=Column(BigInteger, Identity(), primary_key=True))
    office: str = Field(max_length=32)
    alumnus_id: uuid.UUID = Field(index=True)
    actor: str  # the staff member's subject; "alumnus" for the alumnus by magic link
    actor_username: str
    actor_roles: list[str] = Field(default_factory=list, sa_column=Column(JSONB, nullable=False))
    purpose: str
    at: datetime = timestamp_field(default_factory=utcnow)
