"""Routes of the steps after the final report (LHP): the reporter's response and the
recommendation. The move to monitoring has no route: the job makes it (`jobs.py`)."""

from __future__ import annotations

import uuid

from fastapi import Request, Response

from apik_examination.deps import AUTH, WRITE_PROBLEMS, ReadableCase, Reader, Worker, lock_case
from apik_examination.followup import service
from apik_examination.followup.schemas import ReporterResponseCreate, ReporterResponsePublic
from apik_shared.platform.db import DbSession
from apik_shared.platform.idempotency import Idempotency
from apik_shared.platform.problems import NotFound, problem_responses
from apik_shared.platform.routing import ServiceRouter, created

router = ServiceRouter(tags=["followup"])


@router.post(
    "/cases/{case_id}/reporter-responses",
    response_model=ReporterResponsePublic,
    status_code=201,
    responses=WRITE_PROBLEMS,
)
async def record_reporter_response(
    case_id: uuid.UUID,
    data: ReporterResponseCreate,
    request: Request,
    session: DbSession,
    actor: Worker,
) -> Response:
    """The reporter's response to the LHP (agrees, objects, other); one received after
    the deadline is recorded with `late: true`. With `Idempotency-Key`, a retry replays."""
    idempotency = Idempotency(session, request, caller=actor.subject)
    if (replay := await idempotency.begin()) is not None:
        return replay
    case = await lock_case(request=request, session=session, actor=actor, case_id=case_id)
    response = await service.record_response(
        session=session,
        case=case,
        stance=data.stance,
        text=data.text,
        responded_at=data.responded_at,
        actor=actor,
    )
    return await created(
        idempotency,
        ReporterResponsePublic.model_validate(response, from_attributes=True),
        location=f"{request.url.path}/{response.id}",
        version=case.version,
    )


@router.get(
    "/cases/{case_id}/reporter-responses",
    response_model=list[ReporterResponsePublic],
    responses=problem_responses(*AUTH, NotFound),
)
async def list_reporter_responses(
    case: ReadableCase, session: DbSession, actor: Reader
) -> list[ReporterResponsePublic]:
    """The reporter's responses to the LHP, in the order they were received."""
    rows = await service.list_responses(session=session, case=case)
    return [ReporterResponsePublic.model_validate(r, from_attributes=True) for r in rows]
