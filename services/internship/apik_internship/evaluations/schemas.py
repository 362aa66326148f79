"""Filled rubrics, the interns' feedback as staff read it, and the final report."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, Field

from apik_internship.evaluations.rules import Subject
from apik_shared.vocabulary.inputs import FreeText, Input

Criterion = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[a-z_]+$")]


class EvaluationCreate(Input):
    """A rubric filled in: each criterion of the office's rubric scored 1 to 5."""

    scores: Annotated[dict[Criterion, int], Field(min_length=1, max_length=30)]
    comment: Annotated[FreeText, Field(max_length=4000)] | None = None


class EvaluationPublic(BaseModel):
    id: uuid.UUID
    application_id: uuid.UUID
    subject: Subject
    target: str
    evaluator: str
    scores: dict[str, int]
    score: float
    comment: str | None
    submitted_at: datetime


class InternEvaluations(BaseModel):
    """An intern's evaluations by supervisors, and the final score completion uses."""

    items: list[EvaluationPublic]
    final_score: int | None


class FeedbackPublic(BaseModel):
    """Interns' feedback on one unit (or the programme): null under the minimum count."""

    target: str
    count: int | None
    mean_score: float | None
    criteria: dict[str, float] | None


class FinalReportPublic(BaseModel):
    application_id: uuid.UUID
    filename: str
    media_type: str
    size: int
    sha256: str
    uploaded_at: datetime
    version: int


class Rubrics(BaseModel):
    """The office's rubrics: each subject's criteria, scored 1 to 5."""

    rubrics: dict[Subject, list[str]]
