"""Activity routes: record the work on a case, agency contacts, the timeline."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse

from apik_examination.activities import service
from apik_examination.activities.rules import ActivityKind
from apik_examination.activities.schemas import (
    ActivityCreate,
    ActivityPublic,
    ContactCreate,
    ContactPublic,
    TimelineEntry,
)
from apik_examination.cases import service as cases
from apik_examination.cases.router import WRITE_PROBLEMS
from apik_examination.deps import AUTH, ExamSettings, Reader, Worker
from apik_shared.db import DbSession, TransactionalRoute
from apik_shared.etag import check_if_match, etag_for
from apik_shared.idempotency import Idempotency
from apik_shared.problems import InvalidInput, NotFound, problem_responses

router = APIRouter(route_class=TransactionalRoute, tags=["activities"])


@router.post(
    "/cases/{case_id}/activities",
    response_model=ActivityPublic,
    status_code=201,
    operation_id="examination_record_activity",
    responses=WRITE_PROBLEMS,
)
async def record_activity(
    case_id: uuid.UUID,
    data: ActivityCreate,
    request: Request,
    session: DbSession,
    actor: Worker,
    settings: ExamSettings,
) -> Response:
    """Records a letter, meeting, field visit or session; a letter may pause the clock.

    With `Idempotency-Key`, a retry replays the first answer instead of recording twice.
    """
    idempotency = Idempotency(session, request, caller=actor.subject)
    if (replay := await idempotency.begin()) is not None:
        return replay
    case = await cases.get_case_to_work(session=session, case_id=case_id, actor=actor)
    check_if_match(request, case.version)
    activity = await service.record_activity(
        session=session,
        case=case,
        kind=data.kind,
        held_on=data.held_on,
        summary=data.summary,
        response_due=data.response_due,
        contact_id=data.contact_id,
        documents=[d.model_dump() for d in data.documents],
        await_response=data.await_response,
        actor=actor,
        settings=settings,
    )
    body = ActivityPublic.model_validate(activity, from_attributes=True).model_dump(mode="json")
    await idempotency.remember(201, body)
    # The case's new version, for the next write on it.
    return JSONResponse(body, status_code=201, headers={"ETag": etag_for(case.version)})


@router.get(
    "/cases/{case_id}/activities",
    response_model=list[ActivityPublic],
    operation_id="examination_list_activities",
    responses=problem_responses(*AUTH, NotFound),
)
async def list_activities(
    case_id: uuid.UUID, session: DbSession, actor: Reader, kind: ActivityKind | None = None
) -> list[ActivityPublic]:
    case = await cases.get_case(session=session, case_id=case_id, actor=actor)
    rows = await service.list_activities(session=session, case_id=case.id)
    return [
        ActivityPublic.model_validate(a, from_attributes=True)
        for a in rows
        if kind is None or a.kind == kind.value
    ]


@router.get(
    "/cases/{case_id}/timeline",
    response_model=list[TimelineEntry],
    operation_id="examination_case_timeline",
    responses=problem_responses(*AUTH, NotFound),
)
async def timeline(case_id: uuid.UUID, session: DbSession, actor: Reader) -> list[TimelineEntry]:
    """Everything that happened to the case, oldest first."""
    case = await cases.get_case(session=session, case_id=case_id, actor=actor)
    rows = await service.timeline(session=session, case_id=case.id)
    return [TimelineEntry.model_validate(e, from_attributes=True) for e in rows]


@router.post(
    "/contacts",
    response_model=ContactPublic,
    status_code=201,
    operation_id="examination_add_contact",
    responses=problem_responses(*AUTH, InvalidInput),
)
async def add_contact(data: ContactCreate, session: DbSession, actor: Worker) -> ContactPublic:
    """Keeps an agency's contact person (narahubung) for the caller's office."""
    contact = await service.add_contact(
        session=session, office=actor.office, actor=actor.subject, **data.model_dump()
    )
    return ContactPublic.model_validate(contact, from_attributes=True)


@router.get(
    "/contacts",
    response_model=list[ContactPublic],
    operation_id="examination_list_contacts",
    responses=problem_responses(*AUTH, InvalidInput),
)
async def list_contacts(
    session: DbSession,
    actor: Reader,
    agency: Annotated[str | None, Query(max_length=300)] = None,
    office: Annotated[str | None, Query(min_length=1, max_length=32)] = None,
) -> list[ContactPublic]:
    """The caller's office's contacts (another office's only with the national role)."""
    wanted = office or actor.office
    if not actor.can_see_office(wanted):
        raise InvalidInput.field("#/query/office", "Only your own office's contacts.")
    rows = await service.list_contacts(session=session, office=wanted, agency=agency)
    return [ContactPublic.model_validate(c, from_attributes=True) for c in rows]
