"""Request and response bodies of cases: the case, its clock, classification and status."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field

from apik_examination.cases.rules import Classification
from apik_examination.closure.schemas import ClosurePublic, ConclusionPublic
from apik_examination.sla.rules import SlaState, SlaUnit
from apik_shared.vocabulary.inputs import FreeText, Input
from apik_shared.vocabulary.instants import Instant


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
    # Days of the policy's unit left on a running clock (negative: overdue by that many),
    # in the office's calendar; None when paused, met or closed.
    sla_days_left: int | None = None
    sla_unit: SlaUnit | None = None
    # What the caller may do now (`rules.CaseAction`), from the rules the writes apply
    # and the caller's roles and assignment: a list item carries the bulk ones
    # (`assign`), the detail all. A screen offers forms and bulk work from these, never
    # from a status or role list of its own.
    allowed_actions: list[str] = Field(default_factory=list)


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
    # The statuses the caller may move the case to by hand (`move`): a wait pauses the
    # SLA clock, `open` resumes it.
    allowed_moves: list[Literal["open", "waiting_reporter", "waiting_agency"]] = Field(
        default_factory=list
    )
    sla: SlaPublic
    conclusion: ConclusionPublic | None = None
    closure: ClosurePublic | None = None


class ClassificationIn(Input):
    classification: Classification
    # When, for a step taken earlier (an office's history); absent: now.
    classified_at: Instant | None = None


class StatusChange(Input):
    status: Literal["open", "waiting_reporter", "waiting_agency"]
    note: FreeText = Field(default="", max_length=2000)
    # When, for a move made earlier (an office's history); absent: now. A wait pauses
    # the SLA clock (`paused_at`), `open` resumes it (`resumed_at`); the other is refused.
    paused_at: Instant | None = None
    resumed_at: Instant | None = None
