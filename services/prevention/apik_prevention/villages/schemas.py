"""The villages' bodies and answers."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, Field

from apik_prevention.villages.rules import Action, Stage
from apik_shared.vocabulary.inputs import FreeText, Input, Line

Place = Annotated[Line, Field(min_length=1, max_length=100)]


class VillageCreate(Input):
    name: Place  # "Desa Padang Genting"
    district: Place  # kecamatan
    regency: Place  # kabupaten
    region: Place  # province
    year: Annotated[int, Field(ge=2000, le=2200)]
    nominated_by: Annotated[Line, Field(min_length=1, max_length=300)] | None = None


class VillageAssessmentOpen(Input):
    """The village instrument's scheme version (a scheme of kind `village`)."""

    scheme_id: uuid.UUID


class StageMove(Input):
    stage: Stage
    note: Annotated[FreeText, Field(min_length=1, max_length=2000)] | None = None
    # The decision letter's number, given with the move to `decided`.
    decree_number: Annotated[Line, Field(min_length=1, max_length=80)] | None = None


class VillagePublic(BaseModel):
    id: uuid.UUID
    office: str
    name: str
    district: str
    regency: str
    region: str
    year: int
    stage: Stage
    nominated_by: str | None
    assessment_id: uuid.UUID | None
    verified_total: float | None
    verified_label: str | None
    decree_number: str | None
    decided_on: date | None
    decided_by: str | None
    created_by: str
    created_at: datetime
    history: list[dict[str, object]]
    version: int
    # The steps the API offers from here (statuses or stages it can go to).
    allowed_steps: list[str]
    # What the caller may do besides (open the instrument while mentored).
    allowed_actions: list[Action]
