"""Data-subject requests' bodies and answers. What was asked and the answer are shown
only when one request is opened, never in listings."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from apik_prevention.subject_requests.rules import RequestKind, RequestStatus, Step, Subject
from apik_shared.vocabulary.inputs import Email, FreeText, Input, PersonName, Phone

Words = Annotated[FreeText, Field(min_length=1, max_length=4000)]


class RequestCreate(Input):
    """A request the prevention unit received from the member (letter, visit, call)."""

    kind: RequestKind
    detail: Words | None = None


class Correction(Input):
    """The member's identity as it should read: the whole of it (an absent phone or
    email is removed)."""

    name: PersonName
    phone: Phone | None = None
    email: Email | None = None


class RequestAnswer(Input):
    status: Literal[RequestStatus.answered, RequestStatus.refused]
    answer: Words  # what the member is told (the reason, for a refusal)
    # Required to answer a correction: what the identity becomes.
    correction: Correction | None = None


class TrainingExport(BaseModel):
    title: str
    held_on: date
    hours: float | None
    organiser: str | None


class MemberExport(BaseModel):
    """Everything the office keeps of the member, for an access request."""

    id: uuid.UUID
    office: str
    name: str | None
    phone: str | None
    email: str | None
    consent_on: date | None
    consent_scope: list[str]
    group_id: uuid.UUID | None
    status: str
    source: str
    inducted_on: date | None
    trainings: list[TrainingExport]
    created_at: datetime
    erased_at: datetime | None


class FocalPointExport(BaseModel):
    """Everything the office keeps of the focal point, for an access request."""

    id: uuid.UUID
    office: str
    name: str | None
    phone: str | None
    email: str | None
    role: str
    agency: str
    regency: str
    valid_from: date
    valid_until: date | None
    consent_on: date | None
    consent_scope: list[str]
    status: str
    discussion_groups: list[str]  # the groups' names
    created_at: datetime
    erased_at: datetime | None


class RequestSummary(BaseModel):
    id: uuid.UUID
    office: str
    subject: Subject
    subject_id: uuid.UUID
    kind: RequestKind
    status: RequestStatus
    received_by: str
    received_at: datetime
    due_at: datetime
    overdue: bool
    answered_by: str | None
    answered_at: datetime | None
    version: int
    # What this reader may do now (`rules.allowed_steps`): the screens offer only these.
    allowed_steps: list[Step]


class RequestPublic(RequestSummary):
    detail: str | None
    answer: str | None
    # With the answer of an access request only: what was given to the member.
    export: MemberExport | FocalPointExport | None = None
