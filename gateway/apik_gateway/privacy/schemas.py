"""Bodies and answers of the data protection officer's registers.

A listing never carries the requester's identity, what they asked or the answer: those
open one request at a time (`RequestOpened`), and every opening is audited.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from apik_gateway.offices.schemas import OfficeCode
from apik_gateway.privacy.rules import (
    BreachStatus,
    DataClass,
    Recipient,
    RequestKind,
    RequestStatus,
    RequestStep,
)
from apik_shared.vocabulary.inputs import (
    Address,
    Email,
    FreeText,
    Input,
    Line,
    Nik,
    PersonName,
    Phone,
)
from apik_shared.vocabulary.instants import Instant

LongText = Annotated[FreeText, Field(min_length=1, max_length=20_000)]
Title = Annotated[Line, Field(min_length=1, max_length=200)]


# --- data subjects' requests ----------------------------------------------------------


class Requester(Input):
    """Who asks: the data subject, or the person acting for them (say so in `acting_for`)."""

    name: PersonName
    nik: Nik | None = None
    phone: Phone | None = None
    email: Email | None = None
    address: Address | None = None
    # The data subject's name when a representative (a parent, a lawyer) asks.
    acting_for: PersonName | None = None


class RequestCreate(Input):
    kind: RequestKind
    requester: Requester
    # What the subject asks for, in their words (which data, what to correct, why).
    details: LongText | None = None
    # When the office received it (a letter may be recorded a day later); the answer is
    # due 72 hours after. Not in the future. Default: now.
    received_at: Instant | None = None
    # The office it was made to; default the officer's own (national officers name it).
    office: OfficeCode | None = None


class RequestUpdate(Input):
    """A step of the request; answering or refusing says what was answered, or why not."""

    status: RequestStep
    answer: LongText | None = None


class RequestCreated(BaseModel):
    id: uuid.UUID
    due_at: datetime


class RequestSummary(BaseModel):
    """A request without anything of the person: listings and changes answer this."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    office: str
    kind: RequestKind
    status: RequestStatus
    received_at: datetime
    due_at: datetime
    overdue: bool
    answered_at: datetime | None
    answered_by_name: str | None
    recorded_by_name: str
    version: int


class RequestOpened(RequestSummary):
    """One request opened in full (audited as a read of the requester's identity)."""

    requester: Requester
    details: str | None
    answer: str | None


class RequestRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    actor: str
    actor_username: str
    actor_roles: list[str]
    at: datetime


class ExportIdentifiers(Input):
    """Identifiers to search by besides those the request recorded: the request's own
    are used first; these fill what it lacks (say, the data subject's phone when a
    representative asked). The body may be empty."""

    nik: Nik | None = None
    phone: Phone | None = None
    email: Email | None = None
    name: PersonName | None = None


class AccessExport(BaseModel):
    """One access export: per service what it holds on the subject, everything withheld
    with its reason and law, and the services that did not answer."""

    request_id: uuid.UUID
    reference: str
    generated_at: datetime
    generated_by: str
    complete: bool
    searched_by: dict[str, list[str]]
    services: dict[str, Any]
    withheld: list[dict[str, Any]]
    unanswered: list[dict[str, str]]


# --- personal-data breaches -----------------------------------------------------------

DataClasses = Annotated[list[DataClass], Field(min_length=1, max_length=20)]
SubjectsAffected = Annotated[int, Field(ge=0, le=1_000_000_000)]


class BreachCreate(Input):
    """A breach as first known. No personal data: describe what leaked, not whose."""

    title: Title
    description: LongText
    # When the office learnt of it: the 72-hour clock starts here, and it never moves.
    discovered_at: Instant
    occurred_at: Instant | None = None
    data_classes: DataClasses
    # Known or estimated; corrected as the investigation goes.
    subjects_affected: SubjectsAffected
    office: OfficeCode | None = None


class BreachUpdate(Input):
    """Only the fields sent change; `discovered_at` never does (it starts the clock)."""

    title: Title | None = None
    description: LongText | None = None
    occurred_at: Instant | None = None
    data_classes: DataClasses | None = None
    subjects_affected: SubjectsAffected | None = None
    status: BreachStatus | None = None
    # How it ended, or why it was no breach after all (required to dismiss).
    resolution: LongText | None = None


class NotificationCreate(Input):
    """The breach told to someone (art. 46(2): what data, when and how it was exposed,
    what the office does about it)."""

    recipient: Recipient
    notified_at: Instant
    # How: a letter's number, an email, the agency's portal, a press release.
    means: Title
    content: LongText | None = None


class NotificationPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    recipient: Recipient
    notified_at: datetime
    means: str
    content: str | None
    notified_by: str
    notified_by_name: str
    recorded_at: datetime


class BreachPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    office: str
    title: str
    description: str
    occurred_at: datetime | None
    discovered_at: datetime
    notification_due_at: datetime
    data_classes: list[DataClass]
    specific_data: bool = Field(description="Specific personal data (health, children, …)")
    subjects_affected: int
    status: BreachStatus
    resolution: str | None
    authority_notified_at: datetime | None
    subjects_notified_at: datetime | None
    overdue: bool
    recorded_by_name: str
    version: int
    created_at: datetime
    updated_at: datetime


class BreachDetail(BreachPublic):
    notifications: list[NotificationPublic]
