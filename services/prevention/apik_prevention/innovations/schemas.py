"""The innovations' bodies and answers."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, Field

from apik_prevention.innovations.rules import Category, InnovationStatus, Owner, Step
from apik_shared.vocabulary.inputs import FreeText, Input, Line, RecordDate


class InnovationBody(Input):
    """An innovation as it should be recorded (create, or replace with `If-Match`)."""

    owner: Owner
    agency: Annotated[Line, Field(min_length=1, max_length=300)] | None = None
    name: Annotated[Line, Field(min_length=1, max_length=300)]
    description: Annotated[FreeText, Field(min_length=1, max_length=8000)]
    category: Category
    year: Annotated[int, Field(ge=1990, le=2200)]
    started_on: RecordDate | None = None
    status: InnovationStatus = InnovationStatus.running
    link: Annotated[Line, Field(max_length=2000, pattern=r"^https?://\S+$")] | None = None


class InnovationPublic(BaseModel):
    id: uuid.UUID
    office: str
    owner: Owner
    agency: str | None
    name: str
    description: str
    category: Category
    year: int
    started_on: date | None
    status: InnovationStatus
    link: str | None
    created_by: str
    created_at: datetime
    history: list[dict[str, object]]
    version: int
    # What this reader may do now (`rules.allowed_steps`): the screens offer only these.
    allowed_steps: list[Step]
