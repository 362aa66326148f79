"""The assessment's schemes: listed, read in full, corrected as new versions; a version
no assessment uses yet may be edited in place, a frozen one never."""

from __future__ import annotations

import uuid

from fastapi import Request, Response

from apik_prevention.deps import AUTH, CurrentScheme, LockedScheme, Reader, SchemeKeeper
from apik_prevention.schemes import service, views
from apik_prevention.schemes.schemas import (
    SchemeKind,
    SchemePublic,
    SchemeSummary,
    SchemeVersionCreate,
)
from apik_shared.platform.db import DbSession
from apik_shared.platform.idempotency import Idempotency
from apik_shared.platform.problems import (
    InvalidInput,
    NotFound,
    PreconditionFailed,
    problem_responses,
)
from apik_shared.platform.routing import ServiceRouter, created

router = ServiceRouter(tags=["schemes"])


@router.get("/schemes", response_model=list[SchemeSummary], responses=problem_responses(*AUTH))
async def list_schemes(
    session: DbSession, actor: Reader, code: str | None = None, kind: SchemeKind | None = None
) -> list[SchemeSummary]:
    """Every version of every scheme (the shipped 2021, 2022 and 2025 ones first of
    their codes, and the villages' instrument), with how many of its numbers the sources
    do not confirm; `kind=village` for the villages' instruments."""
    latest = await service.latest_versions(session)
    listed = [views.summary(s, latest) for s in await service.list_versions(session, code)]
    return [s for s in listed if kind is None or s.kind is kind]


@router.get(
    "/schemes/{scheme_id}",
    response_model=SchemePublic,
    responses=problem_responses(*AUTH, NotFound),
)
async def get_scheme(
    scheme_id: uuid.UUID, session: DbSession, actor: Reader, scheme: CurrentScheme
) -> Response:
    return views.answer(scheme, await service.latest_versions(session))


@router.post(
    "/schemes/{scheme_id}/versions",
    status_code=201,
    response_model=SchemePublic,
    responses=problem_responses(*AUTH, NotFound, InvalidInput),
)
async def add_version(
    scheme_id: uuid.UUID,
    data: SchemeVersionCreate,
    request: Request,
    session: DbSession,
    actor: SchemeKeeper,
    base: CurrentScheme,
) -> Response:
    """A corrected scheme: the whole definition as it should be, and why. It becomes the
    scheme's next version; assessments move to it one by one (`…/scheme`)."""
    idempotency = Idempotency(session, request, caller=actor.subject)
    if (replay := await idempotency.begin()) is not None:
        return replay
    scheme = await service.new_version(
        session=session, base=base, definition=data.definition, reason=data.reason, actor=actor
    )
    body = views.full(scheme, await service.latest_versions(session))
    location = request.url.path.rsplit("/", 2)[0] + f"/{scheme.id}"
    return await created(idempotency, body, location=location, version=scheme.row_version)


@router.put(
    "/schemes/{scheme_id}",
    response_model=SchemePublic,
    responses=problem_responses(
        *AUTH, NotFound, InvalidInput, PreconditionFailed, service.SchemeFrozen
    ),
)
async def edit_scheme(
    scheme_id: uuid.UUID,
    data: SchemeVersionCreate,
    session: DbSession,
    actor: SchemeKeeper,
    scheme: LockedScheme,
) -> Response:
    """Changes a version in place while no assessment uses it; a frozen one is 409."""
    scheme = await service.edit(
        session=session, scheme=scheme, definition=data.definition, reason=data.reason, actor=actor
    )
    return views.answer(scheme, await service.latest_versions(session))
