"""Request and response bodies of activities, agency contacts and the timeline."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, Field

from apik_examination.activities.rules import ActivityKind
from apik_shared.vocabulary.inputs import FreeText, Input, Line, PersonName, RecordDate


class DocumentRef(Input):
    """A document kept elsewhere (the archive, a file store): its name and where it is."""

    name: Line = Field(min_length=1, max_length=300)
    reference: Line = Field(min_length=1, max_length=1000)


class ActivityCreate(Input):
    kind: ActivityKind
    held_on: RecordDate
    summary: FreeText = Field(min_length=1, max_length=10000)
    response_due: RecordDate | None = None
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


class ContactCreate(Input):
    # Input strips before the length checks: a name of only spaces is no name (and
    # would otherwise pass here and fail the response model, as a 500). The phone and
    # email stay free lines, as before: an agency's desk number may carry an extension,
    # and either may be left empty.
    agency: Line = Field(min_length=1, max_length=300)
    name: PersonName
    position: Line = Field(default="", max_length=200)
    phone: Line = Field(default="", max_length=40)
    email: Line = Field(default="", max_length=200)


class ContactPublic(BaseModel):
    id: uuid.UUID
    office: str
    agency: str
    name: str
    position: str
    phone: str
    email: str


class TimelineEntry(BaseModel):
    at: datetime
    type: str
    actor: str
    status: str | None
    data: dict[str, Any]
