"""The logbook: the intern's daily entries, the supervisor's review in bulk, reminders."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Self

from pydantic import BaseModel, Field, model_validator

from apik_internship.logbook.rules import Decision, EntryStatus
from apik_shared.vocabulary.inputs import FreeText, Input, Line, invalid

Month = Annotated[str, Field(pattern=r"^(19|20|21|22)\d\d-(0[1-9]|1[0-2])$", examples=["2027-02"])]


class EntryWrite(Input):
    activities: Annotated[FreeText, Field(min_length=10, max_length=5000)]


class EntryPublic(BaseModel):
    id: uuid.UUID
    application_id: uuid.UUID
    day: date
    activities: str
    status: EntryStatus
    comment: str | None
    reviewed_by: str | None
    reviewed_at: datetime | None
    submitted_at: datetime
    version: int


class ReviewItem(Input):
    entry_id: uuid.UUID
    decision: Decision
    comment: Annotated[Line, Field(min_length=3, max_length=2000)] | None = None
    # The entry's version as read: a rewritten entry is not approved unseen.
    version: Annotated[int, Field(ge=1)] | None = None

    @model_validator(mode="after")
    def _returned_with_why(self) -> Self:
        if self.decision is Decision.return_ and not self.comment:
            raise invalid("return_needs_comment", "a returned entry needs a comment")
        return self


class Review(Input):
    """Decisions on several entries at once: all are applied, or none."""

    decisions: Annotated[list[ReviewItem], Field(min_length=1, max_length=200)]

    @model_validator(mode="after")
    def _once_each(self) -> Self:
        ids = [d.entry_id for d in self.decisions]
        if len(set(ids)) != len(ids):
            raise invalid("entry_twice", "an entry is decided twice")
        return self


class ReminderPublic(BaseModel):
    application_id: uuid.UUID
    kind: str  # missing_day, awaiting_approval
    day: date
    created_at: datetime
