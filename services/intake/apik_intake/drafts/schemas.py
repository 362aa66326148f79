"""Bodies of the saved drafts: the answers in, the code and PIN out (once)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, Field, StringConstraints

from apik_intake.drafts.rules import ANSWER_PATTERN, MAX_ANSWERS
from apik_shared.vocabulary.inputs import FreeText, Input

AnswerName = Annotated[str, StringConstraints(pattern=ANSWER_PATTERN, max_length=64)]
Answer = Annotated[FreeText, Field(max_length=50_000)]


class DraftIn(Input):
    """The form as far as it was filled in: each field by its dotted name
    (`reporter.name`, `location.regency`) and its text as typed. Unchecked beyond size
    and control characters: a draft may be incomplete; the report is checked when sent.
    Files are not kept in a draft."""

    office: str = Field(pattern=r"^[A-Z0-9_-]{2,32}$")
    answers: dict[AnswerName, Answer] = Field(max_length=MAX_ANSWERS)


class DraftSaved(BaseModel):
    # Shown once: only keyed hashes of the two are kept.
    resume_code: str
    pin: str
    expires_at: datetime


class DraftKept(BaseModel):
    expires_at: datetime


class DraftView(BaseModel):
    office: str
    answers: dict[str, str]
    expires_at: datetime
