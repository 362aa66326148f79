"""The desk as a whole: its queue, its officers' performance, objections awaiting answers."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import StreamingResponse
from sqlalchemy.ext.asyncio import AsyncSession

from apik_consultation import live, objections, service
from apik_consultation.deps import (
    AUTH,
    Cipher,
    Config,
    Desk,
    Reader,
    clock,
    detail,
    json_response,
    public,
    terms_of,
)
from apik_consultation.models import Visit
from apik_consultation.rules import AnswerState, VisitStatus
from apik_consultation.schemas import (
    Appeal,
    ObjectionAnswer,
    Queue,
    QueueEntry,
    VisitPublic,
)
from apik_shared.auth import Principal
from apik_shared.db import DbSession, TransactionalRoute
from apik_shared.etag import check_if_match
from apik_shared.pagination import DEFAULT_LIMIT, MAX_LIMIT, Page
from apik_shared.problems import (
    Conflict,
    InvalidInput,
    NotFound,
    PreconditionFailed,
    problem_responses,
)

router = APIRouter(route_class=TransactionalRoute, tags=["desk"])


async def queue_snapshot(session: AsyncSession, office: str | None) -> Queue:
    rows = await service.queue(session=session, office=office)
    marks = await service.clock_marks(session=session, visit_ids=[v.id for v in rows])
    now = datetime.now(UTC)
    items = []
    for visit in rows:
        seconds, running = clock(visit, marks[visit.id], now)
        items.append(
            QueueEntry(
                id=visit.id,
                ticket=visit.ticket,
                category=visit.category,
                status=VisitStatus(visit.status),
                officer=visit.officer,
                checked_in_at=visit.checked_in_at,
                duration_seconds=seconds,
                clock_running=running,
            )
        )
    return Queue(office=office, at=now, items=items)


@router.get(
    "/queue",
    response_model=Queue,
    responses=problem_responses(*AUTH),
    operation_id="consultation_queue",
)
async def get_queue(session: DbSession, actor: Reader) -> Queue:
    """Waiting and running visits of the caller's office (every office for `national`),
    first come first; no visitor's name, so a screen at the desk may show it."""
    return await queue_snapshot(session, actor.office_scope())


@router.get(
    "/queue/stream",
    response_class=StreamingResponse,
    responses={
        200: {"content": {"text/event-stream": {}}, "description": "`queue` events"},
        **problem_responses(*AUTH),
    },
    operation_id="consultation_queue_stream",
)
async def stream_queue(request: Request, actor: Reader, settings: Config) -> StreamingResponse:
    """Server-sent events: a `queue` event (the body of `GET /queue`) now and at every
    change. Send the bearer token as with any request (a fetch-based event-source client;
    the browser's `EventSource` cannot set headers) and reconnect when the token expires."""
    office = actor.office_scope()

    async def snapshot(session: AsyncSession) -> Queue:
        return await queue_snapshot(session, office)

    events = live.queue_events(
        sessions=request.app.state.database.sessions,
        snapshot=snapshot,
        disconnected=request.is_disconnected,
        poll_seconds=settings.live_poll_seconds,
        heartbeat_seconds=settings.live_heartbeat_seconds,
    )
    return StreamingResponse(
        events,
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


ANSWER_PROBLEMS = problem_responses(*AUTH, NotFound, InvalidInput, Conflict, PreconditionFailed)


async def _locked(
    request: Request, session: AsyncSession, visit_id: uuid.UUID, actor: Principal
) -> Visit:
    visit = await service.get_visit(
        session=session, visit_id=visit_id, actor=actor, for_update=True
    )
    check_if_match(request, visit.version)
    return visit


@router.post(
    "/visits/{visit_id}/answer",
    response_model=VisitPublic,
    responses=ANSWER_PROBLEMS,
    operation_id="consultation_answer_objection",
)
async def answer_objection(
    visit_id: uuid.UUID,
    data: ObjectionAnswer,
    request: Request,
    session: DbSession,
    actor: Desk,
    settings: Config,
    cipher: Cipher,
) -> Response:
    visit = await _locked(request, session, visit_id, actor)
    today = service.desk_day(datetime.now(UTC), settings.desk_timezone)
    visit = await objections.answer(
        session=session, visit=visit, actor=actor, text=data.answer, today=today
    )
    return json_response(200, await detail(session, visit, actor, settings, cipher))


@router.post(
    "/visits/{visit_id}/appeal",
    response_model=VisitPublic,
    responses=ANSWER_PROBLEMS,
    operation_id="consultation_appeal_objection",
)
async def appeal_objection(
    visit_id: uuid.UUID,
    data: Appeal,
    request: Request,
    session: DbSession,
    actor: Desk,
    settings: Config,
    cipher: Cipher,
) -> Response:
    """Sanggah banding against the objection's answer: within the appeal term of the
    answer, with a guarantee of at least the set share of the owner's estimate."""
    visit = await _locked(request, session, visit_id, actor)
    now = datetime.now(UTC)
    answered = visit.answered_at
    visit = await objections.appeal(
        session=session,
        visit=visit,
        actor=actor,
        guarantee=data.guarantee,
        estimate=data.estimate,
        answered_on=service.desk_day(answered, settings.desk_timezone) if answered else None,
        today=service.desk_day(now, settings.desk_timezone),
        terms=terms_of(settings),
    )
    return json_response(200, await detail(session, visit, actor, settings, cipher))


@router.post(
    "/visits/{visit_id}/appeal-answer",
    response_model=VisitPublic,
    responses=ANSWER_PROBLEMS,
    operation_id="consultation_answer_appeal",
)
async def answer_appeal(
    visit_id: uuid.UUID,
    data: ObjectionAnswer,
    request: Request,
    session: DbSession,
    actor: Desk,
    settings: Config,
    cipher: Cipher,
) -> Response:
    visit = await _locked(request, session, visit_id, actor)
    today = service.desk_day(datetime.now(UTC), settings.desk_timezone)
    visit = await objections.answer_appeal(
        session=session, visit=visit, actor=actor, text=data.answer, today=today
    )
    return json_response(200, await detail(session, visit, actor, settings, cipher))


@router.get(
    "/objections",
    response_model=Page[VisitPublic],
    responses=problem_responses(*AUTH, InvalidInput),
    operation_id="consultation_objections_awaiting_answer",
)
async def objections_awaiting_answer(
    session: DbSession,
    actor: Reader,
    settings: Config,
    stage: Literal["objection", "appeal"] = "objection",
    state: AnswerState | None = None,
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
) -> Page[VisitPublic]:
    """Unanswered objections (`stage=appeal`: unanswered appeals), earliest deadline
    first: `state=due` (still in time) or `state=overdue`; both without `state`."""
    today = service.desk_day(datetime.now(UTC), settings.desk_timezone)
    rows, next_cursor = await objections.awaiting_answer(
        session=session,
        actor=actor,
        appeals=stage == "appeal",
        state=state,
        today=today,
        cursor=cursor,
        limit=limit,
    )
    marks = await service.clock_marks(session=session, visit_ids=[v.id for v in rows])
    items = [public(v, marks[v.id], settings=settings) for v in rows]
    return Page(items=items, next_cursor=next_cursor)
