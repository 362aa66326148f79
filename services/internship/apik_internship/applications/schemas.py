"""What the public form sends and what the applicant and the reviewers read back."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Self

from pydantic import BaseModel, Field, model_validator

from apik_internship.applications.rules import Action, ApplicationStatus, InstitutionKind
from apik_shared.vocabulary.inputs import (
    Email,
    FreeText,
    Input,
    Line,
    PersonName,
    Phone,
    RecordDate,
    invalid,
)

OfficeCode = Annotated[str, Field(min_length=1, max_length=32, pattern=r"^[A-Za-z0-9_-]+$")]
Unit = Annotated[Line, Field(min_length=1, max_length=64)]


class Applicant(Input):
    """Who applies: sealed together at rest."""

    name: PersonName
    email: Email
    phone: Phone | None = None
    # Field of study or school subject ("Ilmu Hukum", "SMK Administrasi").
    study: Annotated[Line, Field(max_length=200)] | None = None


class ApplicationCreate(Input):
    """The public form's `application` part (JSON); the letter comes in the `letter` part."""

    office: OfficeCode
    applicant: Applicant
    institution_kind: InstitutionKind
    institution: Annotated[Line, Field(min_length=2, max_length=300)]
    # The programme the internship belongs to (a university's credit-bearing internship,
    # MBKM, a school's PKL, none).
    programme: Annotated[Line, Field(min_length=2, max_length=300)]
    period_start: RecordDate
    period_end: RecordDate
    units: Annotated[list[Unit], Field(min_length=1, max_length=10)]

    @model_validator(mode="after")
    def _period(self) -> Self:
        if self.period_end < self.period_start:
            raise invalid(
                "ends_before_start",
                "period_end is before period_start",
                start=self.period_start.isoformat(),
            )
        if len(set(self.units)) != len(self.units):
            raise invalid("unit_twice", "a unit is asked for twice")
        return self


class ApplicationReceipt(BaseModel):
    """What the applicant keeps: the code is shown once and never stored in clear."""

    application_code: str
    status: ApplicationStatus
    submitted_at: datetime


class ApplicationStatusView(BaseModel):
    """What the applicant reads with the code: where the application stands, no more."""

    status: ApplicationStatus
    submitted_at: datetime
    period_start: date
    period_end: date
    unit: str | None = None  # where they were accepted
    reason: str | None = None  # why it was declined
    decided_at: datetime | None = None


class ApplicantShown(BaseModel):
    name: str | None
    email: str | None
    phone: str | None
    study: str | None
    disclosure: str  # "full" or "masked"


class ApplicationPublic(BaseModel):
    """An application as a reviewer reads it."""

    id: uuid.UUID
    office: str
    applicant: ApplicantShown
    institution_kind: InstitutionKind
    institution: str
    programme: str
    period_start: date
    period_end: date
    units: list[str]
    status: ApplicationStatus
    unit: str | None
    reason: str | None
    decided_by: str | None
    decided_at: datetime | None
    submitted_at: datetime
    version: int
    # What the reader may do now (`rules.allowed_actions`): the web app offers only these.
    actions: list[Action] = []


class Acceptance(Input):
    unit: Unit


class InternAccount(Input):
    """The intern's gateway account, as the gateway spells usernames."""

    username: Annotated[str, Field(pattern=r"^[a-z0-9._-]{3,80}$", examples=["rina.kartika"])]


class InternAccountView(BaseModel):
    application_id: uuid.UUID
    username: str
    version: int


class InterviewNote(Input):
    """The reviewer's interview note: when it was held (if it was), what was noted."""

    held_on: RecordDate | None = None
    note: Annotated[FreeText, Field(min_length=3, max_length=4000)]


class InterviewPublic(BaseModel):
    application_id: uuid.UUID
    held_on: date | None
    note: str
    written_by: str
    written_at: datetime
    version: int


class Declining(Input):
    reason: Annotated[Line, Field(min_length=3, max_length=1000)]


class DocumentCheck(BaseModel):
    """What anyone holding a document's code reads (its QR leads here): the document is
    genuine, whose it is (the name partly masked), and what it says."""

    document: str  # acceptance_letter, certificate
    valid: bool
    name: str | None  # masked: `Rina K******`
    institution: str
    programme: str
    unit: str | None
    period_start: date
    period_end: date
    office: str
    office_name: str
    issued_at: datetime
