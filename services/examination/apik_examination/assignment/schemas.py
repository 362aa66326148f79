"""Request and response bodies of assignment: a case's examiner, rosters, the rotation."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field, ValidationInfo, field_validator

from apik_examination.sla.rules import SlaState
from apik_shared.vocabulary.inputs import FreeText, Input, Line, PersonName, RecordDate, invalid
from apik_shared.vocabulary.instants import Instant


class AssignmentIn(Input):
    examiner_id: Line = Field(min_length=1, max_length=128)  # the examiner's user subject
    note: FreeText = Field(default="", max_length=2000)
    # When, for an assignment made earlier (an office's history); absent: now.
    assigned_at: Instant | None = None


class ExaminerPut(Input):
    display_name: PersonName
    team: Line = Field(default="", max_length=64)
    capacity: int = Field(ge=0, le=1000)  # open cases at most, for round-robin
    in_rotation: bool = True
    absent_from: RecordDate | None = None
    absent_until: RecordDate | None = None

    @field_validator("absent_until")
    @classmethod
    def _after_start(cls, value: date | None, info: ValidationInfo) -> date | None:
        start = info.data.get("absent_from")
        if value is not None and start is not None and value < start:
            raise invalid(
                "ends_before_start", "must not be before absent_from", start=start.isoformat()
            )
        return value


class ExaminerWorkload(BaseModel):
    office: str
    examiner_id: str
    display_name: str
    team: str
    capacity: int
    in_rotation: bool
    absent_from: date | None
    absent_until: date | None
    open_cases: int
    by_sla_state: dict[SlaState, int]


class RotationPut(Input):
    enabled: bool
    # The team whose examiners take turns; null: every examiner of the office.
    team: Line | None = Field(default=None, min_length=1, max_length=64)


class RotationPublic(BaseModel):
    office: str
    enabled: bool
    team: str | None
    last_examiner_id: str | None
