"""The desk's visit routes: thin — parse, call `service`, shape the answer."""

from __future__ import annotations

import asyncio
import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response

from apik_consultation import service, signature
from apik_consultation.deps import (
    AUTH,
    Cipher,
    Config,
    Desk,
    Officer,
    Reader,
    Supervisor,
    detail,
    json_response,
    public,
    terms_of,
)
from apik_consultation.rules import Step, VisitStatus
from apik_consultation.schemas import Assignment, Ending, Rating, VisitCreate, VisitPublic
from apik_consultation.settings import Settings
from apik_shared.auth import Principal
from apik_shared.crypto import FieldCipher
from apik_shared.db import DbSession, TransactionalRoute
from apik_shared.etag import check_if_match
from apik_shared.idempotency import Idempotency
from apik_shared.pagination import DEFAULT_LIMIT, MAX_LIMIT, Page
from apik_shared.problems import (
    Conflict,
    InvalidInput,
    NotFound,
    PreconditionFailed,
    TransitionNotAllowed,
    problem_responses,
)

router = APIRouter(route_class=TransactionalRoute, tags=["visits"])


@router.post(
    "/visits",
    status_code=201,
    response_model=VisitPublic,
    responses=problem_responses(*AUTH, InvalidInput),
    operation_id="consultation_check_in",
)
async def check_in(
    data: VisitCreate,
    request: Request,
    session: DbSession,
    actor: Desk,
    settings: Config,
    cipher: Cipher,
) -> Response:
    idempotency = Idempotency(session, request, caller=actor.subject)
    if (replay := await idempotency.begin()) is not None:
        return replay
    visit = await service.check_in(
        session=session,
        cipher=cipher,
        data=data,
        actor=actor,
        terms=terms_of(settings),
        timezone=settings.desk_timezone,
    )
    body = await detail(session, visit, actor, settings, cipher)
    await idempotency.remember(201, body.model_dump(mode="json"))
    response = json_response(201, body)
    response.headers["Location"] = f"{request.url.path}/{visit.id}"
    return response


@router.get(
    "/visits",
    response_model=Page[VisitPublic],
    responses=problem_responses(*AUTH, InvalidInput),
    operation_id="consultation_list_visits",
)
async def list_visits(
    session: DbSession,
    actor: Reader,
    settings: Config,
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
    marks = await service.clock_marks(session=session, visit_ids=[v.id for v in rows])
    # Lists leave the visitor out: one visit's detail is where the desk reads it.
    items = [public(v, marks[v.id], settings=settings) for v in rows]
    return Page(items=items, next_cursor=next_cursor)


@router.get(
    "/visits/{visit_id}",
    response_model=VisitPublic,
    responses=problem_responses(*AUTH, NotFound),
    operation_id="consultation_get_visit",
)
async def get_visit(
    visit_id: uuid.UUID, session: DbSession, actor: Reader, settings: Config, cipher: Cipher
) -> Response:
    visit = await service.get_visit(session=session, visit_id=visit_id, actor=actor)
    return json_response(200, await detail(session, visit, actor, settings, cipher))


STEP_PROBLEMS = problem_responses(
    *AUTH, NotFound, InvalidInput, TransitionNotAllowed, Conflict, PreconditionFailed
)


async def _step(
    request: Request,
    session: DbSession,
    actor: Principal,
    visit_id: uuid.UUID,
    step: Step,
    settings: Settings,
    cipher: FieldCipher,
    **kwargs: Any,
) -> Response:
    # The row lock makes concurrent steps on one visit take turns: of two starts, the
    # second finds the visit in service and is refused.
    visit = await service.get_visit(
        session=session, visit_id=visit_id, actor=actor, for_update=True
    )
    check_if_match(request, visit.version)
    if step is Step.rate:
        visit = await service.rate(session=session, visit=visit, actor=actor, **kwargs)
    else:
        visit = await service.apply_step(
            session=session, visit=visit, step=step, actor=actor, **kwargs
        )
    return json_response(200, await detail(session, visit, actor, settings, cipher))


@router.post(
    "/visits/{visit_id}/assign",
    response_model=VisitPublic,
    responses=STEP_PROBLEMS,
    operation_id="consultation_assign_visit",
)
async def assign(
    visit_id: uuid.UUID,
    data: Assignment,
    request: Request,
    session: DbSession,
    actor: Supervisor,
    settings: Config,
    cipher: Cipher,
) -> Response:
    return await _step(
        request, session, actor, visit_id, Step.assign, settings, cipher,
        values={"officer": data.officer}, details={"officer": data.officer},
    )  # fmt: skip


@router.post(
    "/visits/{visit_id}/pick-up",
    response_model=VisitPublic,
    responses=STEP_PROBLEMS,
    operation_id="consultation_pick_up_visit",
)
async def pick_up(
    visit_id: uuid.UUID,
    request: Request,
    session: DbSession,
    actor: Officer,
    settings: Config,
    cipher: Cipher,
) -> Response:
    return await _step(
        request, session, actor, visit_id, Step.pick_up, settings, cipher,
        values={"officer": actor.username},
    )  # fmt: skip


def _clock_route(step: Step, summary: str) -> None:
    async def endpoint(
        visit_id: uuid.UUID,
        request: Request,
        session: DbSession,
        actor: Desk,
        settings: Config,
        cipher: Cipher,
    ) -> Response:
        return await _step(request, session, actor, visit_id, step, settings, cipher)

    router.add_api_route(
        f"/visits/{{visit_id}}/{step.value}",
        endpoint,
        methods=["POST"],
        summary=summary,
        response_model=VisitPublic,
        responses=STEP_PROBLEMS,
        operation_id=f"consultation_{step.value}_visit",
    )


_clock_route(Step.start, "Start serving (the clock starts)")
_clock_route(Step.pause, "Pause the service (the clock stops)")
_clock_route(Step.resume, "Resume the service (the clock runs again)")


@router.post(
    "/visits/{visit_id}/end",
    response_model=VisitPublic,
    responses=STEP_PROBLEMS,
    operation_id="consultation_end_visit",
)
async def end(
    visit_id: uuid.UUID,
    data: Ending,
    request: Request,
    session: DbSession,
    actor: Desk,
    settings: Config,
    cipher: Cipher,
) -> Response:
    return await _step(
        request, session, actor, visit_id, Step.end, settings, cipher,
        values={"outcome": data.outcome, "conversation": data.conversation},
    )  # fmt: skip


@router.post(
    "/visits/{visit_id}/rating",
    response_model=VisitPublic,
    responses=STEP_PROBLEMS,
    operation_id="consultation_rate_visit",
)
async def rate(
    visit_id: uuid.UUID,
    data: Rating,
    request: Request,
    session: DbSession,
    actor: Desk,
    settings: Config,
    cipher: Cipher,
) -> Response:
    drawn = None
    if data.signature is not None:
        try:
            content = signature.decode(data.signature)
            # Decoding every pixel is CPU work: keep it off the event loop.
            media_type = await asyncio.to_thread(
                signature.sniff, content, max_bytes=settings.signature_max_bytes
            )
            drawn = (media_type, content)
        except signature.BadSignature as exc:
            raise InvalidInput.field("#/body/signature", f"The signature is {exc}.") from exc
    return await _step(
        request, session, actor, visit_id, Step.rate, settings, cipher,
        score=data.score, comment=data.comment, signature=drawn,
    )  # fmt: skip
