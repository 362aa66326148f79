"""The alumni register's requests and answers."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, Field

from apik_internship.alumni.rules import RequestKind, RequestStatus, Visibility
from apik_shared.vocabulary.inputs import Address, Email, FreeText, Input, Line, PersonName

Token = Annotated[str, Field(min_length=20, max_length=100)]


class Consent(Input):
    """What the alumnus agrees to show, per field (nothing unless said)."""

    name: bool = False
    address: bool = False
    institution: bool = False
    network: bool = False


class AlumnusRecord(Input):
    """Who the alumnus is and how the network reaches them."""

    name: PersonName
    address: Address | None = None
    # Where they study or work now.
    institution: Annotated[Line, Field(max_length=300)] | None = None
    # How the network reaches them (a workplace, a profile, a community).
    network: Annotated[Line, Field(max_length=500)] | None = None
    email: Email | None = None  # where the office sends the magic link; never shown


class AlumnusWrite(AlumnusRecord):
    consent: Consent = Field(default_factory=Consent)
    visibility: Visibility = Visibility.hidden


class AlumnusCreate(AlumnusWrite):
    application_id: uuid.UUID | None = None  # the internship, when the office has it


class AlumnusFields(BaseModel):
    name: str | None
    address: str | None
    institution: str | None
    network: str | None


class AlumnusPublic(BaseModel):
    """An alumnus as the reader may see them (`alumni.rules.shown`)."""

    id: uuid.UUID
    office: str
    application_id: uuid.UUID | None
    fields: AlumnusFields | None  # None once erased
    email: str | None  # the register's keepers and the alumnus only
    consent: dict[str, bool]
    visibility: Visibility
    disclosure: str  # full, consented (other staff), erased
    erased_at: datetime | None
    version: int


class DirectoryEntry(BaseModel):
    """A public directory entry: the consented fields only."""

    name: str | None
    address: str | None
    institution: str | None
    network: str | None


class MagicLink(BaseModel):
    """Shown once: the office sends it to the alumnus (the token is in the fragment of
    the address, which browsers never send to a server)."""

    token: str
    link: str
    expires_at: datetime


class SelfRead(Input):
    token: Token


class SelfUpdate(AlumnusWrite):
    token: Token


class SelfRequest(Input):
    token: Token
    kind: RequestKind
    detail: Annotated[FreeText, Field(max_length=4000)] | None = None


class RequestPublic(BaseModel):
    id: uuid.UUID
    alumnus_id: uuid.UUID
    kind: RequestKind
    status: RequestStatus
    received_at: datetime
    due_at: datetime
    overdue: bool
    detail: str | None = None
    answer: str | None = None
    answered_by: str | None = None
    answered_at: datetime | None = None


class RequestAnswer(Input):
    status: Annotated[RequestStatus, Field(description="answered or refused")]
    answer: Annotated[FreeText, Field(min_length=3, max_length=4000)]


class CommunityJoin(Input):
    """The alumnus asks to join the office's Sahabat Ombudsman community."""

    token: Token


class CommunityInvitation(BaseModel):
    """Shown once: the code (and the page) with which the alumnus gives their name and
    contacts to the prevention unit themselves; this service sends none of them."""

    code: str
    link: str
    message: str
