"""The desk's visit routes: thin — parse, call `service`, shape the answer."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends, Query, Request, Response

from apik_consultation.deps import (
    AUTH,
    Cipher,
    CurrentSettings,
    CurrentVisit,
    Desk,
    DeskCalendar,
    LockedVisit,
    Officer,
    Reader,
    Supervisor,
    Terms,
    Visitors,
    read_purpose,
)
from apik_consultation.visits import service, views
from apik_consultation.visits.rules import Step, VisitStatus
from apik_consultation.visits.schemas import Assignment, Ending, Rating, VisitCreate, VisitPublic
from apik_shared.platform.db import DbSession
from apik_shared.platform.idempotency import Idempotency
from apik_shared.platform.pagination import DEFAULT_LIMIT, MAX_LIMIT, Page
from apik_shared.platform.problems import (
    Conflict,
    InvalidInput,
    NotFound,
    PreconditionFailed,
    TransitionNotAllowed,
    problem_responses,
)
from apik_shared.platform.routing import ServiceRouter, created

router = ServiceRouter(tags=["visits"])


@router.post(
    "/visits",
    status_code=201,
    response_model=VisitPublic,
    responses=problem_responses(*AUTH, InvalidInput),
)
async def check_in(
    data: VisitCreate,
    request: Request,
    session: DbSession,
    actor: Desk,
    terms: Terms,
    calendar: DeskCalendar,
    cipher: Cipher,
    visitors: Visitors,
) -> Response:
    idempotency = Idempotency(session, request, caller=actor.subject)
    if (replay := await idempotency.begin()) is not None:
        return replay
    visit = await service.check_in(
        session=session,
        cipher=cipher,
        data=data,
        actor=actor,
        terms=terms,
        calendar=calendar,
    )
    # The answer is kept for replays of the Idempotency-Key, in clear: it shows the
    # visitor masked (the officer just typed them; the visit's detail shows them in full).
    body = await views.detail(
        session, visit, access=visitors.masking_everyone(), purpose="check-in"
    )
    location = f"{request.url.path}/{visit.id}"
    return await created(idempotency, body, location=location, version=body.version)


@router.get(
    "/visits",
    response_model=Page[VisitPublic],
    responses=problem_responses(*AUTH, InvalidInput),
)
async def list_visits(
    session: DbSession,
    actor: Reader,
    visitors: Visitors,
    purpose: Annotated[str, Depends(read_purpose("visit list"))],
    status: Annotated[list[VisitStatus] | None, Query()] = None,
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
) -> Page[VisitPublic]:
    rows, next_cursor = await service.list_visits(
        session=session,
        actor=actor,
        statuses=[s.value for s in status] if status else None,
        cursor=cursor,
        limit=limit,
    )
    items = await views.listed(session, rows, access=visitors, purpose=purpose)
    return Page(items=items, next_cursor=next_cursor)


@router.get(
    "/visits/{visit_id}",
    response_model=VisitPublic,
    responses=problem_responses(*AUTH, NotFound, InvalidInput),
)
async def get_visit(
    visit_id: uuid.UUID,
    session: DbSession,
    actor: Reader,
    visit: CurrentVisit,
    visitors: Visitors,
    purpose: Annotated[str, Depends(read_purpose("visit detail"))],
) -> Response:
    return await views.answer(session, visit, access=visitors, purpose=purpose)


STEP_PROBLEMS = problem_responses(
    *AUTH, NotFound, InvalidInput, TransitionNotAllowed, Conflict, PreconditionFailed
)


# Each step's route declares its role type before the locked visit: a caller without the
# role is refused before the row is read, let alone locked.
@router.post("/visits/{visit_id}/assign", response_model=VisitPublic, responses=STEP_PROBLEMS)
async def assign_visit(
    visit_id: uuid.UUID,
    data: Assignment,
    session: DbSession,
    actor: Supervisor,
    visit: LockedVisit,
    visitors: Visitors,
) -> Response:
    visit = await service.assign(session=session, visit=visit, actor=actor, officer=data.officer)
    return await views.answer(session, visit, access=visitors, purpose="step: assign")


@router.post("/visits/{visit_id}/pick-up", response_model=VisitPublic, responses=STEP_PROBLEMS)
async def pick_up_visit(
    visit_id: uuid.UUID,
    session: DbSession,
    actor: Officer,
    visit: LockedVisit,
    visitors: Visitors,
) -> Response:
    visit = await service.pick_up(session=session, visit=visit, actor=actor)
    return await views.answer(session, visit, access=visitors, purpose="step: pick-up")


@router.post(
    "/visits/{visit_id}/start",
    summary="Start serving (the clock starts)",
    response_model=VisitPublic,
    responses=STEP_PROBLEMS,
)
async def start_visit(
    visit_id: uuid.UUID,
    session: DbSession,
    actor: Desk,
    visit: LockedVisit,
    visitors: Visitors,
) -> Response:
    visit = await service.apply_step(session=session, visit=visit, step=Step.start, actor=actor)
    return await views.answer(session, visit, access=visitors, purpose="step: start")


@router.post(
    "/visits/{visit_id}/pause",
    summary="Pause the service (the clock stops)",
    response_model=VisitPublic,
    responses=STEP_PROBLEMS,
)
async def pause_visit(
    visit_id: uuid.UUID,
    session: DbSession,
    actor: Desk,
    visit: LockedVisit,
    visitors: Visitors,
) -> Response:
    visit = await service.apply_step(session=session, visit=visit, step=Step.pause, actor=actor)
    return await views.answer(session, visit, access=visitors, purpose="step: pause")


@router.post(
    "/visits/{visit_id}/resume",
    summary="Resume the service (the clock runs again)",
    response_model=VisitPublic,
    responses=STEP_PROBLEMS,
)
async def resume_visit(
    visit_id: uuid.UUID,
    session: DbSession,
    actor: Desk,
    visit: LockedVisit,
    visitors: Visitors,
) -> Response:
    visit = await service.apply_step(session=session, visit=visit, step=Step.resume, actor=actor)
    return await views.answer(session, visit, access=visitors, purpose="step: resume")


@router.post("/visits/{visit_id}/end", response_model=VisitPublic, responses=STEP_PROBLEMS)
async def end_visit(
    visit_id: uuid.UUID,
    data: Ending,
    session: DbSession,
    actor: Desk,
    visit: LockedVisit,
    visitors: Visitors,
) -> Response:
    visit = await service.end(
        session=session,
        visit=visit,
        actor=actor,
        outcome=data.outcome,
        conversation=data.conversation,
    )
    return await views.answer(session, visit, access=visitors, purpose="step: end")


@router.post("/visits/{visit_id}/rating", response_model=VisitPublic, responses=STEP_PROBLEMS)
async def rate_visit(
    visit_id: uuid.UUID,
    data: Rating,
    session: DbSession,
    actor: Desk,
    visit: LockedVisit,
    settings: CurrentSettings,
    visitors: Visitors,
) -> Response:
    visit = await service.rate(
        session=session,
        visit=visit,
        actor=actor,
        score=data.score,
        comment=data.comment,
        signature=data.signature,
        signature_max_bytes=settings.signature_max_bytes,
    )
    return await views.answer(session, visit, access=visitors, purpose="step: rating")
