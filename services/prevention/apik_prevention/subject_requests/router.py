"""Data-subject requests (UU 27/2022) of community members and focal points: access, correction and
erasure, received by the prevention unit and due 3 x 24 hours later. Only the prevention
unit keeps them; listings carry no text, `?overdue=true` lists those past the deadline."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Query, Request, Response

from apik_prevention.deps import (
    AUTH,
    Cipher,
    CurrentFocalPoint,
    CurrentMember,
    CurrentSettings,
    CurrentSubjectRequest,
    LockedSubjectRequest,
    Officer,
)
from apik_prevention.subject_requests import service, views
from apik_prevention.subject_requests.schemas import (
    RequestAnswer,
    RequestCreate,
    RequestPublic,
    RequestSummary,
)
from apik_shared.platform.db import DbSession
from apik_shared.platform.idempotency import Idempotency
from apik_shared.platform.problems import (
    InvalidInput,
    NotFound,
    PreconditionFailed,
    TransitionNotAllowed,
    problem_responses,
)
from apik_shared.platform.routing import ServiceRouter, created

router = ServiceRouter(tags=["subject-requests"])
REQUESTS = "/api/v1/prevention/subject-requests"


async def _receive(
    *,
    person: service.Person,
    data: RequestCreate,
    request: Request,
    session: DbSession,
    actor: Officer,
    cipher: Cipher,
    settings: CurrentSettings,
) -> Response:
    """A request about a member or a focal point, received once per Idempotency-Key:
    the two routes differ only in whom the path names."""
    idempotency = Idempotency(session, request, caller=actor.subject)
    if (replay := await idempotency.begin()) is not None:
        return replay
    row = await service.receive(
        session=session,
        cipher=cipher,
        member=person,
        data=data,
        actor=actor,
        deadline_hours=settings.subject_request_deadline_hours,
    )
    body = views.one(cipher, row, await service.erased_among(session=session, rows=[row]))
    return await created(idempotency, body, location=f"{REQUESTS}/{row.id}", version=row.version)


@router.post(
    "/community/members/{member_id}/requests",
    status_code=201,
    response_model=RequestPublic,
    responses=problem_responses(*AUTH, NotFound, InvalidInput, service.MemberErased),
)
async def receive_member_request(
    member_id: uuid.UUID,
    data: RequestCreate,
    request: Request,
    session: DbSession,
    actor: Officer,
    cipher: Cipher,
    member: CurrentMember,
    settings: CurrentSettings,
) -> Response:
    """A member's request of access, correction or erasure as the unit received it;
    due `APIK_SUBJECT_REQUEST_DEADLINE_HOURS` later (`due_at`; 72, UU 27/2022)."""
    return await _receive(
        person=member,
        data=data,
        request=request,
        session=session,
        actor=actor,
        cipher=cipher,
        settings=settings,
    )


@router.post(
    "/focal-points/{point_id}/requests",
    status_code=201,
    response_model=RequestPublic,
    responses=problem_responses(*AUTH, NotFound, InvalidInput, service.MemberErased),
)
async def receive_focal_point_request(
    point_id: uuid.UUID,
    data: RequestCreate,
    request: Request,
    session: DbSession,
    actor: Officer,
    cipher: Cipher,
    point: CurrentFocalPoint,
    settings: CurrentSettings,
) -> Response:
    """A focal point's request of access, correction or erasure as the unit received
    it; due `APIK_SUBJECT_REQUEST_DEADLINE_HOURS` later (`due_at`; 72, UU 27/2022)."""
    return await _receive(
        person=point,
        data=data,
        request=request,
        session=session,
        actor=actor,
        cipher=cipher,
        settings=settings,
    )


@router.get(
    "/subject-requests",
    response_model=list[RequestSummary],
    responses=problem_responses(*AUTH, InvalidInput),
)
async def list_subject_requests(
    session: DbSession,
    actor: Officer,
    open_only: Annotated[bool, Query(alias="open", description="only those not answered")] = False,
    overdue: Annotated[bool, Query(description="only open ones past their deadline")] = False,
) -> list[RequestSummary]:
    """The office's requests by deadline, without what was asked or answered."""
    rows = await service.listing(session=session, actor=actor, open_only=open_only, overdue=overdue)
    erased = await service.erased_among(session=session, rows=rows)
    return [views.summary(r, erased) for r in rows]


@router.get(
    "/subject-requests/{request_id}",
    response_model=RequestPublic,
    responses=problem_responses(*AUTH, NotFound),
)
async def get_subject_request(
    request_id: uuid.UUID,
    session: DbSession,
    actor: Officer,
    cipher: Cipher,
    row: CurrentSubjectRequest,
) -> Response:
    return views.answer(cipher, row, await service.erased_among(session=session, rows=[row]))


@router.post(
    "/subject-requests/{request_id}/answer",
    response_model=RequestPublic,
    responses=problem_responses(
        *AUTH, NotFound, InvalidInput, PreconditionFailed, TransitionNotAllowed
    ),
)
async def answer_subject_request(
    request_id: uuid.UUID,
    data: RequestAnswer,
    session: DbSession,
    actor: Officer,
    cipher: Cipher,
    row: LockedSubjectRequest,
) -> Response:
    """Answers (or refuses, with the reason) once; `If-Match`: the request's. Answering
    an access request returns everything kept of the member (`export`, audited); a
    correction needs `correction` and reseals the identity; an erasure drops the
    identity, contact and consent and keeps the row for the counts."""
    row, export = await service.answer(
        session=session, cipher=cipher, request=row, data=data, actor=actor
    )
    erased = await service.erased_among(session=session, rows=[row])
    return views.answer(cipher, row, erased, export)
