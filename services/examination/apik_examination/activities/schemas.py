"""Request and response bodies of activities, agency contacts and the timeline."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from apik_examination.activities.rules import ActivityKind


class DocumentRef(BaseModel):
    """A document kept elsewhere (the archive, a file store): its name and where it is."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=300)
    reference: str = Field(min_length=1, max_length=1000)


class ActivityCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: ActivityKind
    held_on: date
    summary: str = Field(min_length=1, max_length=10000)
    response_due: date | None = None
    contact_id: uuid.UUID | None = None
    documents: list[DocumentRef] = Field(default_factory=list, max_length=50)
    # A letter awaiting the agency's answer pauses the clock (waiting_agency).
    await_response: bool = False


class ActivityPublic(BaseModel):
    id: uuid.UUID
    case_id: uuid.UUID
    kind: ActivityKind
    held_on: date
    summary: str
    response_due: date | None
    contact_id: uuid.UUID | None
    documents: list[DocumentRef]
    recorded_by: str
    recorded_at: datetime


class ContactCreate(BaseModel):
    # Stripped before the length checks: a name of only spaces is no name (and would
    # otherwise pass here and fail the response model, as a 500).
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    agency: str = Field(min_length=1, max_length=300)
    name: str = Field(min_length=1, max_length=200)
    position: str = Field(default="", max_length=200)
    phone: str = Field(default="", max_length=40)
    email: str = Field(default="", max_length=200)


class ContactPublic(ContactCreate):
    id: uuid.UUID
    office: str


class TimelineEntry(BaseModel):
    at: datetime
    type: str
    actor: str
    status: str | None
    data: dict[str, Any]
