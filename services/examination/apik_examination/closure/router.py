"""Conclusion (LHP) and closure routes."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Response

from apik_examination.cases import service as cases
from apik_examination.cases import views as case_views
from apik_examination.cases.schemas import CaseDetail
from apik_examination.closure import service
from apik_examination.closure.schemas import ClosureCreate, ConclusionCreate, CorrectiveActionDone
from apik_examination.deps import (
    WRITE_PROBLEMS,
    CaseToClose,
    Closer,
    CurrentSettings,
    LockedCase,
    Worker,
)
from apik_shared.platform.db import DbSession
from apik_shared.platform.routing import ServiceRouter

router = ServiceRouter(tags=["closure"])


@router.post(
    "/cases/{case_id}/conclusion",
    response_model=CaseDetail,
    responses=WRITE_PROBLEMS,
)
async def conclude_case(
    data: ConclusionCreate,
    case: LockedCase,
    session: DbSession,
    actor: Worker,
    settings: CurrentSettings,
    response: Response,
) -> CaseDetail:
    """Issues the final report; the corrective-action and response deadlines start."""
    await service.conclude(
        session=session,
        case=case,
        finding=data.finding,
        forms=data.forms,
        summary=data.summary,
        corrective_actions=data.corrective_actions,
        recommendation=data.recommendation,
        actor=actor,
        settings=settings,
        concluded_at=data.concluded_at,
    )
    state = await cases.case_state(session=session, case=case)
    return case_views.answer(state, response, actor)


@router.post(
    "/cases/{case_id}/closure",
    response_model=CaseDetail,
    responses=WRITE_PROBLEMS,
)
async def close_case(
    data: ClosureCreate,
    case: CaseToClose,
    session: DbSession,
    actor: Closer,
    settings: CurrentSettings,
    response: Response,
) -> CaseDetail:
    """Closes the case with one outcome and the route that closed it."""
    loss = data.public_loss
    await service.close(
        session=session,
        case=case,
        outcome=data.outcome,
        route=data.route,
        closed_at=data.closed_at,
        note=data.note,
        public_loss=service.LossIn(**loss.model_dump()) if loss else None,
        head_decision_reason=data.head_decision_reason,
        actor=actor,
        settings=settings,
    )
    state = await cases.case_state(session=session, case=case)
    return case_views.answer(state, response, actor)


@router.post(
    "/cases/{case_id}/corrective-actions/{index}",
    response_model=CaseDetail,
    responses=WRITE_PROBLEMS,
)
async def corrective_action_done(
    index: Annotated[int, Path(ge=0, le=49)],
    data: CorrectiveActionDone,
    case: LockedCase,
    session: DbSession,
    actor: Worker,
    response: Response,
) -> CaseDetail:
    """Monitoring: the agency carried out corrective action `index` (from 0) on `done_on`."""
    await service.corrective_action_done(
        session=session,
        case=case,
        index=index,
        done_on=data.done_on,
        note=data.note,
        actor=actor,
    )
    state = await cases.case_state(session=session, case=case)
    return case_views.answer(state, response, actor)
