"""Focal points in agencies (named contacts, consent, activation and its history),
their discussion groups, and the KPI's counts by regency."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Query, Request, Response

from apik_prevention.deps import (
    AUTH,
    Cipher,
    CurrentFocalPoint,
    CurrentGroup,
    LockedFocalPoint,
    LockedGroup,
    Officer,
    Reader,
)
from apik_prevention.focal_points import service, views
from apik_prevention.focal_points.rules import FocalStatus
from apik_prevention.focal_points.schemas import (
    FocalPointCounts,
    FocalPointCreate,
    FocalPointPublic,
    FocalPointSummary,
    GroupCreate,
    GroupMembers,
    GroupPublic,
    StatusChange,
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

router = ServiceRouter(tags=["focal_points"])
WRITE = (*AUTH, NotFound, InvalidInput, PreconditionFailed)


@router.post(
    "/focal-points",
    status_code=201,
    response_model=FocalPointPublic,
    responses=problem_responses(*AUTH, InvalidInput),
)
async def create_focal_point(
    data: FocalPointCreate, request: Request, session: DbSession, actor: Officer, cipher: Cipher
) -> Response:
    """A focal point of the caller's office, invited: name, role, agency, regency,
    validity; a phone or an email only with a consent (date, scope `contact`)."""
    idempotency = Idempotency(session, request, caller=actor.subject)
    if (replay := await idempotency.begin()) is not None:
        return replay
    point = await service.create(session=session, cipher=cipher, data=data, actor=actor)
    body = await views.one(session, cipher, point, actor)
    location = f"{request.url.path}/{point.id}"
    return await created(idempotency, body, location=location, version=point.version)


@router.get(
    "/focal-points",
    response_model=list[FocalPointSummary],
    responses=problem_responses(*AUTH, InvalidInput),
)
async def list_focal_points(
    session: DbSession,
    actor: Reader,
    cipher: Cipher,
    regency: Annotated[str | None, Query(min_length=1, max_length=120)] = None,
    status: FocalStatus | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 500,
) -> list[FocalPointSummary]:
    """The office's focal points by regency and name, without contact details; names
    masked outside the prevention unit (whose listings are audited)."""
    rows = await service.listing(
        session=session, cipher=cipher, actor=actor, regency=regency, status=status, limit=limit
    )
    return views.listing(session, cipher, rows, actor)


@router.get(
    "/focal-points/counts",
    response_model=FocalPointCounts,
    responses=problem_responses(*AUTH, InvalidInput),
)
async def count_focal_points(
    session: DbSession,
    actor: Reader,
    regency: Annotated[
        str | None, Query(min_length=1, max_length=120, description="one regency only")
    ] = None,
) -> FocalPointCounts:
    """The KPI: the office's active focal points and the regencies they cover, with the
    invited and inactive ones by regency."""
    figures = await service.counts(session=session, actor=actor, regency=regency)
    return views.counts(actor.office, figures)


@router.get(
    "/focal-points/{point_id}",
    response_model=FocalPointPublic,
    responses=problem_responses(*AUTH, NotFound),
)
async def get_focal_point(
    point_id: uuid.UUID,
    session: DbSession,
    actor: Reader,
    cipher: Cipher,
    point: CurrentFocalPoint,
) -> Response:
    """A focal point with its status history; name and contacts masked outside the
    prevention unit (whose reads are audited)."""
    return await views.answer(session, cipher, point, actor)


@router.post(
    "/focal-points/{point_id}/status",
    response_model=FocalPointPublic,
    responses=problem_responses(*WRITE, TransitionNotAllowed, service.NotInValidity),
)
async def change_status(
    point_id: uuid.UUID,
    data: StatusChange,
    session: DbSession,
    actor: Officer,
    cipher: Cipher,
    point: LockedFocalPoint,
) -> Response:
    """invited → active | inactive, active → inactive, inactive → active; activating
    needs the validity to cover today and announces `focal_point.activated`.
    `If-Match`: the focal point's."""
    point = await service.change_status(session=session, point=point, data=data, actor=actor)
    return await views.answer(session, cipher, point, actor)


@router.post(
    "/discussion-groups",
    status_code=201,
    response_model=GroupPublic,
    responses=problem_responses(*AUTH, InvalidInput),
)
async def create_group(
    data: GroupCreate, request: Request, session: DbSession, actor: Officer, cipher: Cipher
) -> Response:
    """A discussion group of the caller's office (a WhatsApp group of a regency's focal
    points); members only with consent to groups (scope `discussion_group`)."""
    idempotency = Idempotency(session, request, caller=actor.subject)
    if (replay := await idempotency.begin()) is not None:
        return replay
    group = await service.create_group(session=session, data=data, actor=actor)
    body = await views.group(session, cipher, group, actor)
    location = f"{request.url.path}/{group.id}"
    return await created(idempotency, body, location=location, version=group.version)


@router.get(
    "/discussion-groups/{group_id}",
    response_model=GroupPublic,
    responses=problem_responses(*AUTH, NotFound),
)
async def get_group(
    group_id: uuid.UUID, session: DbSession, actor: Reader, cipher: Cipher, group: CurrentGroup
) -> Response:
    return await views.group_answer(session, cipher, group, actor)


@router.put(
    "/discussion-groups/{group_id}/members",
    response_model=GroupPublic,
    responses=problem_responses(*WRITE),
)
async def set_members(
    group_id: uuid.UUID,
    data: GroupMembers,
    session: DbSession,
    actor: Officer,
    cipher: Cipher,
    group: LockedGroup,
) -> Response:
    """The group's members, the whole list. `If-Match`: the group's."""
    group = await service.set_members(session=session, group=group, members=data.members)
    return await views.group_answer(session, cipher, group, actor)
