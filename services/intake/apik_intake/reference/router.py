"""The reference lists: the national substance (sector) catalogue and an office's own."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from apik_intake.deps import AUTH, CurrentSettings, Manager, Reader
from apik_intake.reference import service
from apik_intake.reference.schemas import (
    SubstanceAdmin,
    SubstanceCreate,
    SubstancePublic,
    SubstanceUpdate,
)
from apik_shared.platform.db import DbSession
from apik_shared.platform.problems import (
    Conflict,
    InvalidInput,
    NotFound,
    Unauthorized,
    problem_responses,
)
from apik_shared.platform.routing import ServiceRouter

router = ServiceRouter(tags=["reference"])


@router.get(
    "/substances",
    response_model=list[SubstancePublic],
    responses=problem_responses(Unauthorized),
)
async def list_substances(session: DbSession, actor: Reader) -> list[SubstancePublic]:
    """The national catalogue and the caller's office's own, active ones only."""
    rows = await service.active_substances(session=session, office=actor.office)
    return [SubstancePublic.model_validate(s, from_attributes=True) for s in rows]


@router.get(
    "/public/substances",
    response_model=list[SubstancePublic],
    responses=problem_responses(InvalidInput),
)
async def list_public_substances(
    session: DbSession,
    settings: CurrentSettings,
    office: Annotated[str, Query(pattern=r"^[A-Z0-9_-]{2,32}$")],
) -> list[SubstancePublic]:
    """What the public form offers for `office`: the national catalogue and the office's
    own active substances (names only; no login). An office that takes no public reports
    is refused as the form's submission would be."""
    if settings.public_offices and office not in settings.public_offices:
        raise InvalidInput.field(
            "#/query/office",
            f"The office {office!r} takes no reports.",
            code="office_takes_no_reports",
            office=office,
        )
    rows = await service.active_substances(session=session, office=office)
    return [SubstancePublic.model_validate(s, from_attributes=True) for s in rows]


@router.post(
    "/substances",
    status_code=201,
    response_model=SubstanceAdmin,
    responses=problem_responses(*AUTH, InvalidInput, Conflict),
)
async def add_substance(
    data: SubstanceCreate, session: DbSession, actor: Manager
) -> SubstanceAdmin:
    """An office's own substance, or (`national`, national role only) the catalogue's."""
    substance = await service.add_substance(session=session, data=data, actor=actor)
    return SubstanceAdmin.model_validate(substance, from_attributes=True)


@router.patch(
    "/substances/{code}",
    response_model=SubstanceAdmin,
    responses=problem_responses(*AUTH, InvalidInput, NotFound),
)
async def update_substance(
    code: str, data: SubstanceUpdate, session: DbSession, actor: Manager
) -> SubstanceAdmin:
    """Renames or retires a category; reports keep the code they were filed with."""
    substance = await service.update_substance(session=session, code=code, data=data, actor=actor)
    return SubstanceAdmin.model_validate(substance, from_attributes=True)
