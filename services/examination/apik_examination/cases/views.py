"""How a case is shown: its list item and its detail (pure shaping, no I/O)."""

from __future__ import annotations

import uuid
from datetime import datetime

from fastapi import Response

from apik_examination.cases.schemas import CaseDetail, CasePublic, SlaPublic
from apik_examination.cases.service import CaseState
from apik_examination.closure.rules import Outcome, Route
from apik_examination.closure.schemas import (
    ClosurePublic,
    ConclusionPublic,
    HeadDecision,
    PublicLoss,
)
from apik_examination.models import Case, Closure
from apik_examination.sla.rules import SlaPhase, SlaState, SlaUnit, state_at
from apik_shared.platform.etag import set_etag


def public(case: Case, now: datetime, countdown: tuple[int, SlaUnit] | None = None) -> CasePublic:
    """A list item: the state from the cached clock columns, exact at `now`, and the days
    left on it when the list computed them (`sla.service.countdowns`)."""
    state = state_at(SlaPhase(case.sla_phase), case.sla_warn_at, case.sla_breach_at, now)
    days, unit = countdown if countdown is not None else (None, None)
    return CasePublic.model_validate(
        {**case.model_dump(), "sla_state": state, "sla_days_left": days, "sla_unit": unit}
    )


# The states whose chip counts days: a running clock, or one past its due day.
_COUNTING = frozenset({SlaState.on_track, SlaState.warning, SlaState.breached})


def answer(state: CaseState, response: Response) -> CaseDetail:
    """The detail, with the case's version as the ETag for the next write."""
    set_etag(response, state.case.version)
    return detail(state)


def detail(state: CaseState) -> CaseDetail:
    """The case with its clock recomputed from the log, its final report and closure."""
    clock, policy, case = state.clock, state.policy, state.case
    sla = SlaPublic(
        state=clock.state,
        policy_id=uuid.UUID(policy.id),
        policy_version=policy.version,
        target=clock.target,
        unit=clock.unit,
        elapsed=clock.elapsed,
        remaining=clock.remaining,
        due_on=clock.due_on,
        warn_at=clock.warn_at,
        breach_at=clock.breach_at,
    )
    conclusion = None
    if state.conclusion is not None:
        conclusion = ConclusionPublic.model_validate(state.conclusion, from_attributes=True)
        conclusion.monitoring = state.monitoring
    return CaseDetail(
        **public(case, state.at).model_dump(exclude={"sla_state", "sla_days_left", "sla_unit"}),
        sla_state=clock.state,
        sla_days_left=clock.remaining if clock.state in _COUNTING else None,
        sla_unit=clock.unit,
        sla=sla,
        conclusion=conclusion,
        closure=_closure(state.closure) if state.closure else None,
    )


def _closure(closure: Closure) -> ClosurePublic:
    loss = None
    if closure.public_loss_kind is not None:
        loss = PublicLoss(
            kind=closure.public_loss_kind,
            amount_idr=closure.public_loss_idr or 0,
            people_affected=closure.public_loss_people or 0,
            description=closure.public_loss_description or "",
        )
    return ClosurePublic(
        outcome=Outcome(closure.outcome),
        route=Route(closure.route),
        note=closure.note,
        public_loss=loss,
        closed_by=closure.closed_by,
        closed_at=closure.closed_at,
        head_decision=(
            HeadDecision(
                reason=closure.head_decision_reason,
                decided_by=closure.head_decision_by or closure.closed_by,
                decided_at=closure.head_decision_at or closure.recorded_at,
            )
            if closure.head_decision_reason is not None
            else None
        ),
    )
