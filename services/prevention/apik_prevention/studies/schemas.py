"""The studies' bodies and answers."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, Field

from apik_prevention.studies.rules import Stage, SuggestionStatus
from apik_shared.vocabulary.inputs import FreeText, Input, Line, RecordDate

Title = Annotated[Line, Field(min_length=1, max_length=500)]
Agency = Annotated[Line, Field(min_length=1, max_length=300)]
Note = Annotated[FreeText, Field(min_length=1, max_length=4000)]


class StudyCreate(Input):
    title: Title
    topic: Note
    year: Annotated[int, Field(ge=2000, le=2100)]


class StageMove(Input):
    stage: Stage
    note: Note | None = None


class SuggestionCreate(Input):
    agency: Agency
    text: Note
    due_on: RecordDate


class StatusMove(Input):
    status: SuggestionStatus
    note: Note | None = None


class Progress(Input):
    note: Note


class SuggestionEvidencePublic(BaseModel):
    filename: str
    media_type: str
    size: int
    sha256: str
    uploaded_by: str
    uploaded_at: datetime


class SuggestionReminderPublic(BaseModel):
    offset_days: int
    days_left: int
    announced: bool
    recorded_at: datetime


class SuggestionPublic(BaseModel):
    id: uuid.UUID
    study_id: uuid.UUID
    office: str
    agency: str
    text: str
    due_on: date
    status: SuggestionStatus
    closed_on: date | None
    evidence: SuggestionEvidencePublic | None
    reminders: list[SuggestionReminderPublic]
    history: list[dict[str, object]]
    created_by: str
    created_at: datetime
    version: int


class StudySummary(BaseModel):
    id: uuid.UUID
    office: str
    title: str
    year: int
    stage: Stage
    version: int


class StudyPublic(StudySummary):
    topic: str
    history: list[dict[str, object]]
    suggestions: list[SuggestionPublic]
    created_by: str
    created_at: datetime


class FollowUpRate(BaseModel):
    office: str
    year: int
    due: int  # suggestions due in the year (date come, or closed before it)
    followed_up: int
    not_followed_up: int
    open: int  # due and still open or in progress
    rate: float | None  # followed_up / due; null when nothing was due
