"""The library's requests and answers, and the tests' results with their gains."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Self

from pydantic import BaseModel, Field, model_validator

from apik_internship.learning.rules import MaterialKind
from apik_shared.vocabulary.inputs import Input, Line, invalid
from apik_shared.vocabulary.ngain import GainCategory

Score = Annotated[int, Field(ge=0, le=1000)]


class MaterialCreate(Input):
    kind: MaterialKind
    title: Annotated[Line, Field(min_length=2, max_length=300)]


class MaterialPublic(BaseModel):
    id: uuid.UUID
    office: str
    kind: MaterialKind
    title: str
    latest_version: int  # 0: no file published yet
    created_by: str
    created_at: datetime


class VersionPublic(BaseModel):
    id: uuid.UUID
    material_id: uuid.UUID
    number: int
    note: str | None
    filename: str
    media_type: str
    size: int
    sha256: str
    published_by: str
    published_at: datetime


class AcknowledgementPublic(BaseModel):
    version_id: uuid.UUID
    application_id: uuid.UUID
    acknowledged_at: datetime


class ResultWrite(Input):
    """A module's test scores for one intern: either test may come later (null)."""

    max_score: Annotated[int, Field(ge=1, le=1000)]
    pre_score: Score | None = None
    post_score: Score | None = None

    @model_validator(mode="after")
    def _within_max(self) -> Self:
        for name in ("pre_score", "post_score"):
            value = getattr(self, name)
            if value is not None and value > self.max_score:
                raise invalid(
                    "pre_score_above_max" if name == "pre_score" else "post_score_above_max",
                    f"{name} is above max_score",
                    max=self.max_score,
                )
        return self


class ResultPublic(BaseModel):
    material_id: uuid.UUID
    application_id: uuid.UUID
    max_score: int
    pre_score: int | None
    post_score: int | None
    n_gain: float | None  # three decimals; null when undefined
    category: GainCategory
    recorded_by: str
    recorded_at: datetime
    version: int


class GainSummary(BaseModel):
    tested: int
    mean_gain: float | None  # the mean of the interns' own gains (defined ones)
    class_gain: float | None  # Hake's, from the class's average percentages
    high: int
    medium: int
    low: int
    undefined: int


class ModuleResults(BaseModel):
    items: list[ResultPublic]
    summary: GainSummary


class MaterialOfIntern(BaseModel):
    """A material as the intern sees it: whether they acknowledged its latest version."""

    material: MaterialPublic
    latest_version_id: uuid.UUID | None
    acknowledged_latest: bool
    result: ResultPublic | None
