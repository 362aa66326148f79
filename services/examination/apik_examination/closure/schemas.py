"""Request and response bodies of the final report (LHP) and the closure."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from apik_examination.closure.rules import Finding, Maladministration, Outcome, Route
from apik_shared.vocabulary.inputs import FreeText, Input, RecordDate
from apik_shared.vocabulary.instants import Instant


class ConclusionCreate(Input):
    """The final report (LHP)."""

    finding: Finding
    forms: list[Maladministration] = Field(default_factory=list, max_length=10)
    summary: FreeText = Field(min_length=1, max_length=20000)
    corrective_actions: list[Annotated[FreeText, Field(min_length=1, max_length=2000)]] = Field(
        default_factory=list, max_length=50
    )
    recommendation: FreeText | None = Field(default=None, min_length=1, max_length=20000)
    # When, for a report issued earlier (an office's history); absent: now. The
    # corrective-action and response deadlines count from it.
    concluded_at: Instant | None = None


class CorrectiveAction(BaseModel):
    description: str
    done_on: date | None


class ConclusionPublic(BaseModel):
    finding: Finding
    forms: list[Maladministration]
    summary: str
    corrective_actions: list[CorrectiveAction]
    corrective_due_on: date | None
    reporter_response_until: date
    recommendation: str | None
    concluded_by: str
    concluded_at: datetime
    # Past the corrective-action deadline with actions undone, computed when read; the
    # case's status becomes `monitoring` at the monitoring job's next turn.
    monitoring: bool = False


class CorrectiveActionDone(Input):
    done_on: RecordDate
    note: FreeText = Field(default="", max_length=2000)


class PublicLossIn(Input):
    """Public loss (kerugian publik) the case prevented or recovered."""

    kind: Literal["prevented", "recovered"]
    amount_idr: int = Field(ge=0, le=10**15)
    people_affected: int = Field(default=0, ge=0, le=10**9)
    description: FreeText = Field(min_length=1, max_length=5000)


class ClosureCreate(Input):
    outcome: Outcome
    route: Route
    # For an office's history: not in the future, not before the case's previous step.
    closed_at: Instant | None = None
    note: FreeText = Field(default="", max_length=5000)
    public_loss: PublicLossIn | None = None
    # The head of office only, with `resolved_by_agency`: why the case counts as resolved
    # by the agency although corrective actions are undone or none were listed.
    head_decision_reason: FreeText | None = Field(default=None, min_length=1, max_length=5000)


class PublicLoss(BaseModel):
    kind: Literal["prevented", "recovered"]
    amount_idr: int
    people_affected: int
    description: str


class HeadDecision(BaseModel):
    """The head's decision that the agency resolved the case (who, when, why)."""

    reason: str
    decided_by: str
    decided_at: datetime


class ClosurePublic(BaseModel):
    outcome: Outcome
    route: Route
    note: str
    public_loss: PublicLoss | None
    closed_by: str
    closed_at: datetime
    head_decision: HeadDecision | None = None
