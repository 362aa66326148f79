"""The office registry (`/api/v1/auth/offices`): any signed-in caller reads it (forms
need names, zones and letterheads); a national admin opens and changes offices."""

from __future__ import annotations

from fastapi import Request, Response, status

from apik_gateway.deps import LockedOffice, NationalAdmin
from apik_gateway.offices import service
from apik_gateway.offices.schemas import OfficeCreate, OfficePublic, OfficeUpdate
from apik_shared.platform.auth import CurrentPrincipal
from apik_shared.platform.db import DbSession
from apik_shared.platform.etag import set_etag
from apik_shared.platform.idempotency import Idempotency
from apik_shared.platform.pagination import Page
from apik_shared.platform.problems import (
    Conflict,
    Forbidden,
    InvalidInput,
    NotFound,
    PreconditionFailed,
    PreconditionRequired,
    Unauthorized,
    problem_responses,
)
from apik_shared.platform.routing import ServiceRouter, created

router = ServiceRouter(prefix="/api/v1/auth", tags=["offices"])
_DENIED = (Unauthorized, Forbidden)


@router.get(
    "/offices",
    response_model=Page[OfficePublic],
    summary="Every office (any signed-in caller: forms need their names and time zones)",
    responses=problem_responses(Unauthorized),
)
async def list_offices(session: DbSession, _: CurrentPrincipal) -> Page[OfficePublic]:
    offices = await service.list_offices(session=session)
    return Page[OfficePublic](items=[OfficePublic.model_validate(o) for o in offices])


@router.get(
    "/offices/{code}",
    response_model=OfficePublic,
    responses=problem_responses(Unauthorized, NotFound),
)
async def get_office(
    code: str, session: DbSession, _: CurrentPrincipal, response: Response
) -> OfficePublic:
    office = await service.get_office(session=session, code=code)
    set_etag(response, office.version)
    return OfficePublic.model_validate(office)


@router.post(
    "/offices",
    status_code=status.HTTP_201_CREATED,
    response_model=OfficePublic,
    summary="Open an office; every service learns of it from `office.registered`",
    responses=problem_responses(*_DENIED, Conflict, InvalidInput),
)
async def create_office(
    office_in: OfficeCreate, request: Request, session: DbSession, admin: NationalAdmin
) -> Response:
    idempotency = Idempotency(session, request, caller=admin.subject)
    if (replay := await idempotency.begin()) is not None:
        return replay
    office = await service.create_office(session=session, office_in=office_in)
    return await created(
        idempotency,
        OfficePublic.model_validate(office),
        location=f"{request.url.path}/{office.code}",
        version=office.version,
    )


@router.patch(
    "/offices/{code}",
    response_model=OfficePublic,
    summary="Change an office; send If-Match with the ETag you read (`office.updated`)",
    responses=problem_responses(
        *_DENIED, NotFound, PreconditionFailed, PreconditionRequired, InvalidInput
    ),
)
async def update_office(
    changes: OfficeUpdate, office: LockedOffice, session: DbSession, response: Response
) -> OfficePublic:
    office = await service.update_office(session=session, office=office, changes=changes)
    set_etag(response, office.version)
    return OfficePublic.model_validate(office)
