"""Conclusion (LHP) and closure routes."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Request, Response

from apik_examination.cases import service as cases
from apik_examination.cases.router import WRITE_PROBLEMS, detail
from apik_examination.cases.schemas import CaseDetail
from apik_examination.closure import service
from apik_examination.closure.schemas import ClosureCreate, ConclusionCreate, CorrectiveActionDone
from apik_examination.deps import Closer, ExamSettings, Worker
from apik_shared.db import DbSession, TransactionalRoute
from apik_shared.etag import check_if_match

router = APIRouter(route_class=TransactionalRoute, tags=["closure"])


@router.post(
    "/cases/{case_id}/conclusion",
    response_model=CaseDetail,
    operation_id="examination_conclude_case",
    responses=WRITE_PROBLEMS,
)
async def conclude(
    case_id: uuid.UUID,
    data: ConclusionCreate,
    request: Request,
    session: DbSession,
    actor: Worker,
    settings: ExamSettings,
    response: Response,
) -> CaseDetail:
    """Issues the final report; the corrective-action and response deadlines start."""
    case = await cases.get_case_to_work(session=session, case_id=case_id, actor=actor)
    check_if_match(request, case.version)
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
    )
    return await detail(session, case, settings, response)


@router.post(
    "/cases/{case_id}/closure",
    response_model=CaseDetail,
    operation_id="examination_close_case",
    responses=WRITE_PROBLEMS,
)
async def close(
    case_id: uuid.UUID,
    data: ClosureCreate,
    request: Request,
    session: DbSession,
    actor: Closer,
    settings: ExamSettings,
    response: Response,
) -> CaseDetail:
    """Closes the case with one outcome and the route that closed it."""
    case = await cases.get_case_to_work(session=session, case_id=case_id, actor=actor)
    check_if_match(request, case.version)
    loss = data.public_loss
    await service.close(
        session=session,
        case=case,
        outcome=data.outcome,
        route=data.route,
        closed_at=data.closed_at,
        note=data.note,
        public_loss=service.LossIn(**loss.model_dump()) if loss else None,
        actor=actor,
        settings=settings,
    )
    return await detail(session, case, settings, response)


@router.post(
    "/cases/{case_id}/corrective-actions/{index}",
    response_model=CaseDetail,
    operation_id="examination_corrective_action_done",
    responses=WRITE_PROBLEMS,
)
async def corrective_action_done(
    case_id: uuid.UUID,
    index: Annotated[int, Path(ge=0, le=49)],
    data: CorrectiveActionDone,
    request: Request,
    session: DbSession,
    actor: Worker,
    settings: ExamSettings,
    response: Response,
) -> CaseDetail:
    """Monitoring: the agency carried out corrective action `index` (from 0) on `done_on`."""
    case = await cases.get_case_to_work(session=session, case_id=case_id, actor=actor)
    check_if_match(request, case.version)
    await service.corrective_action_done(
        session=session,
        case=case,
        index=index,
        done_on=data.done_on,
        note=data.note,
        actor=actor,
        settings=settings,
    )
    return await detail(session, case, settings, response)
