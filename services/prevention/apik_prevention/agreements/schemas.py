"""The agreements' bodies and answers."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, Field

from apik_prevention.agreements.rules import ActivityKind, AgreementKind, PartyKind, Step
from apik_shared.vocabulary.inputs import Input, Line, RecordDate

Title = Annotated[Line, Field(min_length=1, max_length=500)]
Number = Annotated[Line, Field(min_length=1, max_length=100)]
Reason = Annotated[Line, Field(min_length=1, max_length=1000)]


class Party(Input):
    """An institution that signs: the office itself, an agency, a university."""

    name: Annotated[Line, Field(min_length=1, max_length=300)]
    kind: PartyKind


class AgreementCreate(Input):
    kind: AgreementKind
    # A PKS names the MoU it implements (of the same office); an MoU names none.
    parent_id: uuid.UUID | None = None
    number: Number | None = None
    title: Title
    parties: Annotated[list[Party], Field(min_length=2, max_length=20)]
    starts_on: RecordDate
    ends_on: RecordDate


class Renewal(Input):
    """The renewal's own term and number; kind, MoU, title and parties are carried over
    unless given."""

    number: Number | None = None
    title: Title | None = None
    parties: Annotated[list[Party], Field(min_length=2, max_length=20)] | None = None
    starts_on: RecordDate
    ends_on: RecordDate


class Termination(Input):
    reason: Reason


class ActivityCreate(Input):
    kind: ActivityKind
    title: Title
    held_on: RecordDate | None = None
    # The activity's own reference elsewhere: an internship's id, a clinic's code…
    reference: Number | None = None


class ActivityPublic(BaseModel):
    id: uuid.UUID
    kind: ActivityKind
    title: str
    held_on: date | None
    reference: str | None
    created_by: str
    created_at: datetime


class ReminderPublic(BaseModel):
    threshold: int
    days_left: int
    announced: bool
    recorded_at: datetime


class DocumentPublic(BaseModel):
    filename: str
    media_type: str
    size: int
    sha256: str
    uploaded_by: str
    uploaded_at: datetime


class AgreementSummary(BaseModel):
    id: uuid.UUID
    office: str
    kind: AgreementKind
    parent_id: uuid.UUID | None
    previous_id: uuid.UUID | None
    renewal: int
    number: str | None
    title: str
    parties: list[dict[str, str]]
    starts_on: date
    ends_on: date
    status: str
    has_document: bool
    version: int


class AgreementPublic(AgreementSummary):
    document: DocumentPublic | None
    activities: list[ActivityPublic]
    reminders: list[ReminderPublic]
    pks: list[uuid.UUID]  # an MoU's agreements under it
    renewed_by: uuid.UUID | None  # the renewal, once made
    history: list[dict[str, object]]
    created_by: str
    created_at: datetime
    # What this reader may do now (`rules.allowed_steps`): the screens offer only these.
    allowed_steps: list[Step]
