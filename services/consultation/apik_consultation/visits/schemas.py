"""A visit's request and response bodies."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, Field

from apik_consultation.objections.rules import AnswerState
from apik_consultation.visits.rules import Category, VisitStatus
from apik_shared.vocabulary.inputs import FreeText, Input, Line, PersonName, Phone, RecordDate


def _blank_is_none(value: Any) -> Any:
    # The desk's form sends an empty phone field as "": it means no phone, as it always has.
    return None if isinstance(value, str) and not value.strip() else value


class VisitorIn(Input):
    name: PersonName
    institution: Line | None = Field(default=None, max_length=300)
    phone: Annotated[Phone | None, BeforeValidator(_blank_is_none)] = None


class VisitCreate(Input):
    visitor: VisitorIn
    category: Category
    description: FreeText = Field(min_length=1, max_length=2000)
    # Objections only: the tender and the day its winner was announced.
    tender_reference: Line | None = Field(default=None, max_length=200)
    announced_on: RecordDate | None = None


class Assignment(Input):
    officer: Line = Field(min_length=1, max_length=150, description="the officer's username")


class Ending(Input):
    outcome: FreeText = Field(min_length=1, max_length=5000)
    conversation: FreeText | None = Field(default=None, max_length=50_000)


class Rating(Input):
    # Strict: JSON `true` or `4.0` is not a rating, though lax parsing would make it one.
    score: int = Field(ge=1, le=5, strict=True, description="1 very bad … 5 very good")
    comment: FreeText | None = Field(default=None, max_length=2000)
    signature: Line | None = Field(
        default=None,
        max_length=3_000_000,  # base64 of a few MB at most; the real limit is checked decoded
        description="the drawn signature: a PNG or JPEG, base64 or a `data:` URL",
    )


class VisitorPublic(BaseModel):
    name: str
    phone: str | None


class VisitPublic(BaseModel):
    id: uuid.UUID
    office: str
    day: date
    ticket: int
    requested_category: Category
    category: Category
    description: str
    # The visitor's institution, name and phone: in full for the desk staff serving them
    # (each such read audited), masked for every other reader (`visitor_disclosure`).
    institution: str | None
    visitor: VisitorPublic | None = None
    visitor_disclosure: Literal["full", "masked"] = "masked"
    tender_reference: str | None
    announced_on: date | None
    answer_due: date | None
    answer_state: AnswerState | None = None
    answered_at: datetime | None = None
    answer: str | None = None
    appealed_at: datetime | None = None
    appeal_guarantee: int | None = None
    appeal_answer_due: date | None = None
    appeal_state: AnswerState | None = None
    appeal_answered_at: datetime | None = None
    appeal_answer: str | None = None
    status: VisitStatus
    officer: str | None
    outcome: str | None
    conversation: str | None
    checked_in_at: datetime
    started_at: datetime | None
    ended_at: datetime | None
    duration_seconds: int
    clock_running: bool
    rating: int | None
    rating_comment: str | None
    signed: bool = False
    version: int
    allowed_steps: list[str]
