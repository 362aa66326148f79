"""Objections after check-in: the answer, the appeal and its answer, and the lists of
answers due. Thin: parse, call `service`, shape the answer."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import Depends, Query, Response

from apik_consultation.deps import (
    AUTH,
    Desk,
    LockedVisit,
    Reader,
    Terms,
    Visitors,
    read_purpose,
)
from apik_consultation.objections import service
from apik_consultation.objections.rules import AnswerState
from apik_consultation.objections.schemas import Appeal, ObjectionAnswer
from apik_consultation.visits import views
from apik_consultation.visits.schemas import VisitPublic
from apik_shared.platform.db import DbSession
from apik_shared.platform.pagination import DEFAULT_LIMIT, MAX_LIMIT, Page
from apik_shared.platform.problems import (
    Conflict,
    InvalidInput,
    NotFound,
    PreconditionFailed,
    problem_responses,
)
from apik_shared.platform.routing import ServiceRouter

router = ServiceRouter(tags=["objections"])
ANSWER_PROBLEMS = problem_responses(*AUTH, NotFound, InvalidInput, Conflict, PreconditionFailed)


@router.post("/visits/{visit_id}/answer", response_model=VisitPublic, responses=ANSWER_PROBLEMS)
async def answer_objection(
    visit_id: uuid.UUID,
    data: ObjectionAnswer,
    session: DbSession,
    actor: Desk,
    visit: LockedVisit,
    visitors: Visitors,
) -> Response:
    visit = await service.answer(session=session, visit=visit, actor=actor, text=data.answer)
    return await views.answer(session, visit, access=visitors, purpose="answer objection")


@router.post("/visits/{visit_id}/appeal", response_model=VisitPublic, responses=ANSWER_PROBLEMS)
async def appeal_objection(
    visit_id: uuid.UUID,
    data: Appeal,
    session: DbSession,
    actor: Desk,
    visit: LockedVisit,
    terms: Terms,
    visitors: Visitors,
) -> Response:
    """Sanggah banding against the objection's answer: within the appeal term of the
    answer, with a guarantee of at least the set share of the owner's estimate."""
    visit = await service.appeal(
        session=session,
        visit=visit,
        actor=actor,
        guarantee=data.guarantee,
        estimate=data.estimate,
        construction=data.construction,
        terms=terms,
    )
    return await views.answer(session, visit, access=visitors, purpose="appeal objection")


@router.post(
    "/visits/{visit_id}/appeal-answer", response_model=VisitPublic, responses=ANSWER_PROBLEMS
)
async def answer_appeal(
    visit_id: uuid.UUID,
    data: ObjectionAnswer,
    session: DbSession,
    actor: Desk,
    visit: LockedVisit,
    visitors: Visitors,
) -> Response:
    visit = await service.answer_appeal(session=session, visit=visit, actor=actor, text=data.answer)
    return await views.answer(session, visit, access=visitors, purpose="answer appeal")


@router.get(
    "/objections",
    response_model=Page[VisitPublic],
    responses=problem_responses(*AUTH, InvalidInput),
)
async def awaiting_answer(
    session: DbSession,
    actor: Reader,
    visitors: Visitors,
    purpose: Annotated[str, Depends(read_purpose("objections awaiting an answer"))],
    stage: Literal["objection", "appeal"] = "objection",
    state: AnswerState | None = None,
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
) -> Page[VisitPublic]:
    """Unanswered objections (`stage=appeal`: unanswered appeals), earliest deadline
    first: `state=due` (still in time) or `state=overdue`; both without `state`."""
    rows, next_cursor = await service.awaiting_answer(
        session=session,
        actor=actor,
        appeals=stage == "appeal",
        state=state,
        cursor=cursor,
        limit=limit,
    )
    items = await views.listed(session, rows, access=visitors, purpose=purpose)
    return Page(items=items, next_cursor=next_cursor)
