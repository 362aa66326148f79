"""The cases named for an assessment and their follow-up."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field

from apik_prevention.follow_up.rules import State
from apik_shared.vocabulary.inputs import Input, Line

RegistrationNumber = Annotated[Line, Field(min_length=1, max_length=64)]


class CasesNamed(Input):
    """The office's cases about the assessed unit, by registration number."""

    registration_numbers: Annotated[list[RegistrationNumber], Field(max_length=500)]


class CaseState(BaseModel):
    registration_number: str
    corrective: State | None
    recommendation: State | None


class CasesFollowUp(BaseModel):
    registration_numbers: list[str]
    issued: int
    followed_up: int
    pending: int
    cases: list[CaseState]  # the named cases examination has told about
