"""The inventory of innovations (KIP4): the office's own and the agencies' public service
innovations, as a register."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Query, Request, Response

from apik_prevention.deps import (
    AUTH,
    CurrentInnovation,
    InnovationCreator,
    LockedInnovation,
    Reader,
    Writer,
)
from apik_prevention.innovations import service, views
from apik_prevention.innovations.rules import Category, InnovationStatus, Owner
from apik_prevention.innovations.schemas import InnovationBody, InnovationPublic
from apik_shared.platform.db import DbSession
from apik_shared.platform.idempotency import Idempotency
from apik_shared.platform.problems import (
    InvalidInput,
    NotFound,
    PreconditionFailed,
    problem_responses,
)
from apik_shared.platform.routing import ServiceRouter, created

router = ServiceRouter(tags=["innovations"])
INNOVATIONS = "/innovations"


@router.post(
    INNOVATIONS,
    response_model=InnovationPublic,
    status_code=201,
    responses=problem_responses(*AUTH, InvalidInput),
)
async def create_innovation(
    data: InnovationBody, request: Request, session: DbSession, actor: InnovationCreator
) -> Response:
    """An innovation of the caller's office, or of an agency it names."""
    idempotency = Idempotency(session, request, caller=actor.subject)
    if (replay := await idempotency.begin()) is not None:
        return replay
    row = await service.create(session=session, data=data, actor=actor)
    return await created(
        idempotency,
        views.one(row, actor),
        location=f"{request.url.path}/{row.id}",
        version=row.version,
    )


@router.get(
    INNOVATIONS,
    response_model=list[InnovationPublic],
    responses=problem_responses(*AUTH, InvalidInput),
)
async def list_innovations(
    session: DbSession,
    actor: Reader,
    owner: Owner | None = None,
    category: Category | None = None,
    status: InnovationStatus | None = None,
    year: Annotated[int | None, Query(ge=1990, le=2200)] = None,
) -> list[InnovationPublic]:
    """The office's register, latest year first."""
    rows = await service.list_innovations(
        session=session, actor=actor, owner=owner, category=category, status=status, year=year
    )
    return [views.one(r, actor) for r in rows]


@router.get(
    INNOVATIONS + "/{innovation_id}",
    response_model=InnovationPublic,
    responses=problem_responses(*AUTH, NotFound),
)
async def get_innovation(
    innovation_id: uuid.UUID, actor: Reader, innovation: CurrentInnovation
) -> Response:
    return views.answer(innovation, actor)


@router.put(
    INNOVATIONS + "/{innovation_id}",
    response_model=InnovationPublic,
    responses=problem_responses(*AUTH, NotFound, PreconditionFailed, InvalidInput),
)
async def replace_innovation(
    innovation_id: uuid.UUID,
    data: InnovationBody,
    session: DbSession,
    actor: Writer,
    innovation: LockedInnovation,
) -> Response:
    """The entry as it should be now (`If-Match`)."""
    innovation = await service.replace(
        session=session, innovation=innovation, data=data, actor=actor
    )
    return views.answer(innovation, actor)
