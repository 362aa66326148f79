"""The social media log's bodies and answers."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, Field

from apik_prevention.social_media.rules import Platform
from apik_shared.vocabulary.inputs import Input, Line, RecordDate

Count = Annotated[int, Field(ge=0, le=2_000_000_000)]
Url = Annotated[Line, Field(min_length=1, max_length=2000, pattern=r"^https?://\S+$")]


class Figures(Input):
    reach: Count  # accounts that saw the post
    impressions: Count  # times it was shown
    engagement: Count  # likes, comments, shares, saves


class PostCreate(Figures):
    platform: Platform
    url: Url
    posted_on: RecordDate
    caption: Annotated[Line, Field(min_length=1, max_length=500)] | None = None
    article_id: uuid.UUID | None = None  # the publication it spreads


class PostPublic(BaseModel):
    id: uuid.UUID
    office: str
    platform: Platform
    url: str
    posted_on: date
    caption: str | None
    article_id: uuid.UUID | None
    reach: int
    impressions: int
    engagement: int
    source: str  # entered, import
    recorded_by: str
    recorded_at: datetime
    history: list[dict[str, object]]
    version: int


class ImportResult(BaseModel):
    created: int
    updated: int  # posts already logged (same URL) whose figures were replaced


class PlatformTotals(BaseModel):
    platform: Platform
    posts: int
    reach: int
    impressions: int
    engagement: int


class YearTotals(BaseModel):
    office: str
    year: int
    platforms: list[PlatformTotals]
