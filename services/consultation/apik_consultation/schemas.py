"""Request and response bodies of the consultation desk API."""

from __future__ import annotations

import re
import uuid
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator

from apik_consultation.rules import AnswerState, Category, RiskLevel, RiskStatus, VisitStatus


def normalise_phone(raw: str) -> str:
    """Indonesian numbers to E.164: `0812-3456-789` and `62812…` become `+62812…`."""
    digits = re.sub(r"[\s\-().]", "", raw)
    if digits.startswith("0"):
        digits = "+62" + digits[1:]
    elif digits.startswith("62"):
        digits = "+" + digits
    if not re.fullmatch(r"\+\d{8,15}", digits):
        raise ValueError("not a phone number (expected e.g. 0812 3456 7890 or +62…)")
    return digits


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @field_validator("*")
    @classmethod
    def _storable(cls, value: object) -> object:
        # PostgreSQL text holds neither NUL nor a lone surrogate: refuse them here, naming
        # the field, instead of failing at the insert.
        if isinstance(value, str):
            if "\x00" in value:
                raise ValueError("contains a NUL character")
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as exc:
                raise ValueError("is not valid Unicode (a lone surrogate)") from exc
        return value


class VisitorIn(Strict):
    name: str = Field(min_length=1, max_length=200)
    institution: str | None = Field(default=None, max_length=300)
    phone: str | None = None

    @field_validator("phone")
    @classmethod
    def _phone(cls, value: str | None) -> str | None:
        return normalise_phone(value) if value else None


class VisitCreate(Strict):
    visitor: VisitorIn
    category: Category
    description: str = Field(min_length=1, max_length=2000)
    # Objections only: the tender and the day its winner was announced.
    tender_reference: str | None = Field(default=None, max_length=200)
    announced_on: date | None = None


class Assignment(Strict):
    officer: str = Field(min_length=1, max_length=150, description="the officer's username")


class Ending(Strict):
    outcome: str = Field(min_length=1, max_length=5000)
    conversation: str | None = Field(default=None, max_length=50_000)


class Rating(Strict):
    # Strict: JSON `true` or `4.0` is not a rating, though lax parsing would make it one.
    score: int = Field(ge=1, le=5, strict=True, description="1 very bad … 5 very good")
    comment: str | None = Field(default=None, max_length=2000)
    signature: str | None = Field(
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
    institution: str | None
    # Only for the desk's own staff; heads and analysts work without it.
    visitor: VisitorPublic | None = None
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


class QueueEntry(BaseModel):
    """What a screen at the desk shows: no visitor's name."""

    id: uuid.UUID
    ticket: int
    category: Category
    status: VisitStatus
    officer: str | None
    checked_in_at: datetime
    duration_seconds: int
    clock_running: bool


class Queue(BaseModel):
    office: str | None
    at: datetime
    items: list[QueueEntry]


class OfficerPerformance(BaseModel):
    officer: str
    visits_served: int
    average_duration_seconds: float
    median_duration_seconds: float
    average_rating: float | None
    share_rated_4_5: float | None


class PerformanceReport(BaseModel):
    office: str | None
    period_from: date
    period_to: date
    items: list[OfficerPerformance]


class ObjectionAnswer(Strict):
    answer: str = Field(min_length=1, max_length=20_000)


class Appeal(Strict):
    """Sanggah banding: the guarantee against the owner's estimate (HPS), in rupiah."""

    # Bounded so a value always fits the database's bigint (a thousand trillion rupiah).
    guarantee: int = Field(ge=1, le=10**15, description="the appeal guarantee, rupiah")
    estimate: int = Field(ge=1, le=10**15, description="the owner's estimate (HPS), rupiah")


class RiskCreate(Strict):
    title: str = Field(min_length=1, max_length=300)
    description: str | None = Field(default=None, max_length=5000)
    tender_reference: str | None = Field(default=None, max_length=200)
    likelihood: int = Field(ge=1, le=5, description="1 rare … 5 almost certain")
    impact: int = Field(ge=1, le=5, description="1 negligible … 5 severe")
    mitigation: str | None = Field(default=None, max_length=5000)
    owner: str = Field(min_length=1, max_length=200)
    status: RiskStatus = RiskStatus.open
    review_on: date


class RiskUpdate(Strict):
    """Only the fields sent change; likelihood or impact moves the level with them."""

    title: str | None = Field(default=None, min_length=1, max_length=300)
    description: str | None = Field(default=None, max_length=5000)
    tender_reference: str | None = Field(default=None, max_length=200)
    likelihood: int | None = Field(default=None, ge=1, le=5)
    impact: int | None = Field(default=None, ge=1, le=5)
    mitigation: str | None = Field(default=None, max_length=5000)
    owner: str | None = Field(default=None, min_length=1, max_length=200)
    status: RiskStatus | None = None
    review_on: date | None = None


class RiskPublic(BaseModel):
    id: uuid.UUID
    office: str
    title: str
    description: str | None
    tender_reference: str | None
    likelihood: int
    impact: int
    level: RiskLevel
    mitigation: str | None
    owner: str
    status: RiskStatus
    review_on: date
    review_overdue: bool
    created_by: str
    created_at: datetime
    updated_at: datetime
    version: int


class HeatCellPublic(BaseModel):
    likelihood: int
    impact: int
    level: RiskLevel
    count: int


class HeatMap(BaseModel):
    """Open (not closed) risks per cell: impact 5 to 1, likelihood 1 to 5 in each row."""

    office: str | None
    cells: list[HeatCellPublic]


class CategoryCount(BaseModel):
    category: Category
    visits: int
    # Objections filed too late and so handled as complaints (on `complaint` only).
    late_objections: int = 0


class WeekCount(BaseModel):
    week: date  # the Monday the week starts on
    category: Category
    visits: int


class TermCount(BaseModel):
    term: str
    visits: int


class TopicWeekCount(BaseModel):
    """How many descriptions used one of the frequent terms (a topic) in one week."""

    week: date  # the Monday the week starts on
    term: str
    visits: int


class CategoryTerms(BaseModel):
    category: Category
    terms: list[TermCount]


class Analysis(BaseModel):
    office: str | None
    period_from: date
    period_to: date
    categories: list[CategoryCount]
    weekly: list[WeekCount]
    frequent_terms: list[TermCount]
    # The trend of each frequent term, and the problems each category's visitors name most.
    topic_weekly: list[TopicWeekCount]
    frequent_terms_by_category: list[CategoryTerms]
