"""The answer to a data subject's access request, as the desk gives it."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel

from apik_shared.platform.processing import Withheld


class WithheldOut(Withheld):
    visit_id: uuid.UUID | None = None


class VisitorOut(BaseModel):
    name: str
    phone: str | None
    institution: str | None


class StepOut(BaseModel):
    """A step of the visit: what happened and when (who did it is withheld)."""

    step: str
    to_status: str
    at: datetime


class VisitorReadOut(BaseModel):
    """One full read of the visitor (UU 27/2022 Pasal 32: the processing's track record):
    when, why, by which roles (the reader's name is withheld)."""

    at: datetime
    purpose: str
    roles: list[str]


class VisitHeld(BaseModel):
    visit_id: uuid.UUID
    office: str
    day: date
    ticket: int
    requested_category: str
    category: str
    description: str
    status: str
    tender_reference: str | None
    announced_on: date | None
    answer_due: date | None
    answered_at: datetime | None
    answer: str | None
    appealed_at: datetime | None
    appeal_guarantee: int | None
    appeal_answer_due: date | None
    appeal_answered_at: datetime | None
    appeal_answer: str | None
    outcome: str | None
    conversation: str | None
    checked_in_at: datetime
    started_at: datetime | None
    ended_at: datetime | None
    duration_seconds: int | None
    rating: int | None
    rating_comment: str | None
    rated_at: datetime | None
    matched_on: list[str]
    differs_on: list[str]
    visitor: VisitorOut
    has_signature: bool
    timeline: list[StepOut]
    visitor_reads: list[VisitorReadOut]


class SubjectAccessAnswer(BaseModel):
    service: Literal["consultation"] = "consultation"
    reference: str
    generated_at: datetime
    offices: Literal["own", "all"]
    searched_by: list[str]
    # How: every visit of the offices searched is unsealed in memory and compared.
    method: Literal["scan"] = "scan"
    visits_scanned: int
    not_searched: dict[str, str]
    not_included: dict[str, str]
    visits: list[VisitHeld]
    withheld: list[WithheldOut]
