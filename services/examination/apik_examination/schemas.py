"""Request and response bodies of the examination API."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from apik_examination.rules import (
    ActivityKind,
    Classification,
    Track,
)
from apik_examination.rules_sla import SlaState, SlaUnit
from apik_examination.schemas_closure import ClosurePublic, ConclusionPublic
from apik_shared.instants import Instant

PauseStatus = Literal["waiting_reporter", "waiting_agency"]


def _both_waits() -> list[PauseStatus]:
    return ["waiting_reporter", "waiting_agency"]


class CasePublic(BaseModel):
    id: uuid.UUID
    report_id: uuid.UUID
    registration_number: str
    office: str
    track: str
    status: str
    kind: str
    channel: str
    substance: str | None
    reported_agency: str
    summary: str
    event_date: date | None
    reporter_id: uuid.UUID
    confidential: bool
    handed_over_at: datetime
    opened_at: datetime
    version: int
    classification: Classification | None
    examiner_id: str | None
    sla_state: SlaState  # from the cached clock, exact at the time of the answer
    sla_warn_at: datetime | None
    sla_breach_at: datetime | None


class SlaPublic(BaseModel):
    """The clock recomputed from the case's event log at the time of the answer."""

    state: SlaState
    policy_id: uuid.UUID
    policy_version: int
    target: int
    unit: SlaUnit
    elapsed: int
    remaining: int
    due_on: date | None
    warn_at: datetime | None
    breach_at: datetime | None


class CaseDetail(CasePublic):
    sla: SlaPublic
    conclusion: ConclusionPublic | None = None
    closure: ClosurePublic | None = None


class ClassificationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    classification: Classification


class StatusChange(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: Literal["open", "waiting_reporter", "waiting_agency"]
    note: str = Field(default="", max_length=2000)


class SlaPolicyCreate(BaseModel):
    """A new version of the policy for (track, classification); null is the fallback."""

    model_config = ConfigDict(extra="forbid")

    track: Track
    classification: Classification | None = None
    target: int = Field(ge=1, le=3650)
    unit: SlaUnit
    warning_ratio: float = Field(default=0.8, gt=0, le=1)
    pause_statuses: list[PauseStatus] = Field(default_factory=_both_waits, max_length=2)
    # Cases opened from this instant on follow the new version (default: now).
    effective_from: Instant | None = None
    note: str = Field(default="", max_length=2000)


class SlaPolicyPublic(BaseModel):
    id: uuid.UUID
    track: str
    classification: str | None
    version: int
    target: int
    unit: str
    warning_ratio: float
    pause_statuses: list[str]
    effective_from: datetime
    note: str
    created_by: str
    created_at: datetime


class AssignmentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    examiner_id: str = Field(min_length=1, max_length=128)  # the examiner's user subject
    note: str = Field(default="", max_length=2000)


class ExaminerPut(BaseModel):
    model_config = ConfigDict(extra="forbid")

    display_name: str = Field(min_length=1, max_length=200)
    team: str = Field(default="", max_length=64)
    capacity: int = Field(ge=0, le=1000)  # open cases at most, for round-robin
    in_rotation: bool = True
    absent_from: date | None = None
    absent_until: date | None = None

    @field_validator("absent_until")
    @classmethod
    def _after_start(cls, value: date | None, info: ValidationInfo) -> date | None:
        start = info.data.get("absent_from")
        if value is not None and start is not None and value < start:
            raise ValueError("must not be before absent_from")
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


class RotationPut(BaseModel):
    model_config = ConfigDict(extra="forbid")

    enabled: bool
    # The team whose examiners take turns; null: every examiner of the office.
    team: str | None = Field(default=None, min_length=1, max_length=64)


class RotationPublic(BaseModel):
    office: str
    enabled: bool
    team: str | None
    last_examiner_id: str | None


class DocumentRef(BaseModel):
    """A document kept elsewhere (the archive, a file store): its name and where it is."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=300)
    reference: str = Field(min_length=1, max_length=1000)


class ActivityCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: ActivityKind
    held_on: date
    summary: str = Field(min_length=1, max_length=10000)
    response_due: date | None = None
    contact_id: uuid.UUID | None = None
    documents: list[DocumentRef] = Field(default_factory=list, max_length=50)
    # A letter awaiting the agency's answer pauses the clock (waiting_agency).
    await_response: bool = False


class ActivityPublic(BaseModel):
    id: uuid.UUID
    case_id: uuid.UUID
    kind: ActivityKind
    held_on: date
    summary: str
    response_due: date | None
    contact_id: uuid.UUID | None
    documents: list[DocumentRef]
    recorded_by: str
    recorded_at: datetime


class ContactCreate(BaseModel):
    # Stripped before the length checks: a name of only spaces is no name (and would
    # otherwise pass here and fail the response model, as a 500).
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    agency: str = Field(min_length=1, max_length=300)
    name: str = Field(min_length=1, max_length=200)
    position: str = Field(default="", max_length=200)
    phone: str = Field(default="", max_length=40)
    email: str = Field(default="", max_length=200)


class ContactPublic(ContactCreate):
    id: uuid.UUID
    office: str


class TimelineEntry(BaseModel):
    at: datetime
    type: str
    actor: str
    status: str | None
    data: dict[str, Any]
