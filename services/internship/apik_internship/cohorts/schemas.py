"""Cohorts as the coordinator makes and reads them, and the rotation plan."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Self

from pydantic import BaseModel, Field, model_validator

from apik_shared.vocabulary.inputs import Input, Line, RecordDate, invalid

Unit = Annotated[Line, Field(min_length=1, max_length=64)]
Username = Annotated[str, Field(pattern=r"^[a-z0-9._-]{3,80}$", examples=["siti.rahma"])]


class CohortCreate(Input):
    """A cohort: the office's accepted interns whose period starts within it."""

    name: Annotated[Line, Field(min_length=2, max_length=200)]
    period_start: RecordDate
    period_end: RecordDate
    # Phases of the rotation (default `APIK_ROTATION_PHASES`).
    phases: Annotated[int, Field(ge=1, le=12)] | None = None

    @model_validator(mode="after")
    def _period(self) -> Self:
        if self.period_end < self.period_start:
            raise invalid(
                "ends_before_start",
                "period_end is before period_start",
                start=self.period_start.isoformat(),
            )
        return self


class UnitSet(Input):
    capacity: Annotated[int, Field(ge=0, le=1000)]
    supervisor: Username | None = None


class PlacementSet(Input):
    """The coordinator's adjustment: the unit (None: no placement) and why."""

    unit: Unit | None
    reason: Annotated[Line, Field(min_length=3, max_length=1000)]


class Preferences(Input):
    """The units the intern would rather be in, best first."""

    units: Annotated[list[Unit], Field(min_length=1, max_length=10)]

    @model_validator(mode="after")
    def _distinct(self) -> Self:
        if len(set(self.units)) != len(self.units):
            raise invalid("unit_twice", "a unit is ranked twice")
        return self


class CohortUnitPublic(BaseModel):
    unit: str
    capacity: int
    supervisor: str | None


class MemberPublic(BaseModel):
    application_id: uuid.UUID
    intern_username: str | None
    period_start: date
    period_end: date
    preferences: list[str]


class CohortPublic(BaseModel):
    id: uuid.UUID
    office: str
    name: str
    period_start: date
    period_end: date
    phases: int
    units: list[CohortUnitPublic]
    members: list[MemberPublic]
    created_by: str
    created_at: datetime
    version: int


class CohortSummary(BaseModel):
    id: uuid.UUID
    name: str
    period_start: date
    period_end: date
    phases: int
    members: int
    version: int


class PlacementPublic(BaseModel):
    application_id: uuid.UUID
    phase: int
    starts_on: date
    ends_on: date
    unit: str | None
    supervisor: str | None  # the unit's supervisor in this cohort
    rank: int | None  # 0: the intern's first choice; None: no place or not listed
    source: str  # allocation, coordinator


class RotationPlan(BaseModel):
    cohort_id: uuid.UUID
    version: int
    placements: list[PlacementPublic]
    unplaced: int  # placements without a unit (no place was free)


class PlacementChangePublic(BaseModel):
    application_id: uuid.UUID
    phase: int
    from_unit: str | None
    to_unit: str | None
    source: str
    reason: str | None
    changed_by: str
    changed_at: datetime


class PreferencesPublic(BaseModel):
    cohort_id: uuid.UUID
    units: list[str]
