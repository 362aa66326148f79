"""Activity routes: record the work on a case, agency contacts, the timeline."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Query, Request, Response

from apik_examination.activities import service
from apik_examination.activities.rules import ActivityKind
from apik_examination.activities.schemas import (
    ActivityCreate,
    ActivityPublic,
    ContactCreate,
    ContactPublic,
    TimelineEntry,
)
from apik_examination.deps import (
    AUTH,
    WRITE_PROBLEMS,
    ReadableCase,
    Reader,
    Worker,
    lock_case,
)
from apik_shared.platform.db import DbSession
from apik_shared.platform.idempotency import Idempotency
from apik_shared.platform.problems import InvalidInput, NotFound, problem_responses
from apik_shared.platform.routing import ServiceRouter, created

router = ServiceRouter(tags=["activities"])


@router.post(
    "/cases/{case_id}/activities",
    response_model=ActivityPublic,
    status_code=201,
    responses=WRITE_PROBLEMS,
)
async def record_activity(
    case_id: uuid.UUID,
    data: ActivityCreate,
    request: Request,
    session: DbSession,
    actor: Worker,
) -> Response:
    """Records a letter, meeting, field visit or session; a letter may pause the clock.

    With `Idempotency-Key`, a retry replays the first answer instead of recording twice.
    """
    idempotency = Idempotency(session, request, caller=actor.subject)
    # Before the case is read: a retry's If-Match names the version before the first
    # answer, which its own write has moved on.
    if (replay := await idempotency.begin()) is not None:
        return replay
    case = await lock_case(request=request, session=session, actor=actor, case_id=case_id)
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
    )
    # The ETag is the case's new version, for the next write on it.
    return await created(
        idempotency,
        ActivityPublic.model_validate(activity, from_attributes=True),
        location=f"{request.url.path}/{activity.id}",
        version=case.version,
    )


@router.get(
    "/cases/{case_id}/activities",
    response_model=list[ActivityPublic],
    responses=problem_responses(*AUTH, NotFound),
)
async def list_activities(
    case: ReadableCase, session: DbSession, kind: ActivityKind | None = None
) -> list[ActivityPublic]:
    rows = await service.list_activities(session=session, case_id=case.id, kind=kind)
    return [ActivityPublic.model_validate(a, from_attributes=True) for a in rows]


@router.get(
    "/cases/{case_id}/activities/{activity_id}",
    response_model=ActivityPublic,
    responses=problem_responses(*AUTH, NotFound),
)
async def get_activity(
    activity_id: uuid.UUID, case: ReadableCase, session: DbSession
) -> ActivityPublic:
    """One activity of the case: where a recorded activity's `Location` leads."""
    activity = await service.get_activity(session=session, case_id=case.id, activity_id=activity_id)
    return ActivityPublic.model_validate(activity, from_attributes=True)


@router.get(
    "/cases/{case_id}/timeline",
    response_model=list[TimelineEntry],
    responses=problem_responses(*AUTH, NotFound),
)
async def case_timeline(case: ReadableCase, session: DbSession) -> list[TimelineEntry]:
    """Everything that happened to the case, oldest first."""
    rows = await service.timeline(session=session, case_id=case.id)
    return [TimelineEntry.model_validate(e, from_attributes=True) for e in rows]


@router.post(
    "/contacts",
    response_model=ContactPublic,
    status_code=201,
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
        raise InvalidInput.field(
            "#/query/office", "Only your own office's contacts.", code="own_office_only"
        )
    rows = await service.list_contacts(session=session, office=wanted, agency=agency)
    return [ContactPublic.model_validate(c, from_attributes=True) for c in rows]
