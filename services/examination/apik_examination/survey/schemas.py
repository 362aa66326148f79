"""Request and response bodies of the satisfaction survey and the IKM."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from pydantic import BaseModel, Field, StrictInt

from apik_shared.vocabulary.ikm import Element
from apik_shared.vocabulary.inputs import FreeText, Input


class SurveyQuestion(BaseModel):
    element: Element
    label: str  # as the questionnaire words it, in Indonesian


class SurveyForm(BaseModel):
    registration_number: str
    questions: list[SurveyQuestion]
    scale: tuple[int, int] = (1, 4)
    answered: bool
    expires_at: datetime


class SurveyAnswer(Input):
    # Element name to 1-4; every element is checked and named when wrong. Strict: JSON
    # `true` or "3" is no answer on the scale (lax parsing would take true for 1).
    answers: dict[str, StrictInt] = Field(max_length=9)
    comment: FreeText | None = Field(default=None, max_length=2000)


class SurveyReceipt(BaseModel):
    answered_at: datetime


class IkmPublic(BaseModel):
    responses: int
    nrr: dict[Element, float]  # per element, for display; the index is computed exactly
    index: Decimal | None
    grade: str | None
    meaning: str | None
