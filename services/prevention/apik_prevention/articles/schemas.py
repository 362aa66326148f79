"""The publications' bodies and answers."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from apik_prevention.articles.rules import Action, Kind, Status
from apik_shared.vocabulary.inputs import FreeText, Input, Line

Title = Annotated[Line, Field(min_length=1, max_length=300)]
Summary = Annotated[FreeText, Field(min_length=1, max_length=1000)]
Body = Annotated[FreeText, Field(min_length=1, max_length=100_000)]
Note = Annotated[FreeText, Field(min_length=1, max_length=2000)]


class ArticleCreate(Input):
    kind: Kind
    title: Title
    summary: Summary | None = None
    body: Body
    language: Literal["id", "en"] = "id"  # Bahasa Indonesia first


class ArticleEdit(Input):
    """The whole text as it should be (a draft only)."""

    title: Title
    summary: Summary | None = None
    body: Body
    language: Literal["id", "en"] = "id"


class StatusMove(Input):
    status: Status
    note: Note | None = None


class ArticleSummary(BaseModel):
    id: uuid.UUID
    office: str
    kind: Kind
    title: str
    status: Status
    number: str | None
    author: str
    published_on: date | None
    version: int


class ArticlePublic(ArticleSummary):
    summary: str | None
    body: str
    language: str
    approved_by: str | None
    approved_at: datetime | None
    published_at: datetime | None
    created_at: datetime
    history: list[dict[str, object]]
    # The steps the API offers from here (statuses or stages it can go to).
    allowed_steps: list[str]
    # What the caller may do besides moving it (the edit while a draft, for the unit).
    allowed_actions: list[Action]


class PublishedArticle(BaseModel):
    """What the public page shows: the published text, no staff names."""

    id: uuid.UUID
    office: str
    kind: Kind
    title: str
    summary: str | None
    body: str
    language: str
    number: str | None
    published_on: date
    published_at: datetime
