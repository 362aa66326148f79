"""The office's reference lists: substance (sector) categories, seeded with seventeen."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from apik_intake.models import Substance
from apik_intake.schemas import Strict, SubstancePublic
from apik_shared.auth import Principal, Role, require_roles
from apik_shared.db import DbSession, TransactionalRoute
from apik_shared.problems import (
    Conflict,
    Forbidden,
    InvalidInput,
    NotFound,
    Unauthorized,
    problem_responses,
)

router = APIRouter(route_class=TransactionalRoute, tags=["reference"])
Manager = Annotated[Principal, Depends(require_roles(Role.head))]


class SubstanceCreate(Strict):
    code: str = Field(pattern=r"^[a-z][a-z0-9_]{1,63}$")
    name_id: str = Field(min_length=1, max_length=200)
    name_en: str = Field(min_length=1, max_length=200)


class SubstanceUpdate(Strict):
    name_id: str | None = Field(default=None, min_length=1, max_length=200)
    name_en: str | None = Field(default=None, min_length=1, max_length=200)
    active: bool | None = Field(default=None, description="inactive: not offered for new reports")


class SubstanceAdmin(SubstancePublic):
    active: bool


def _out(substance: Substance) -> SubstanceAdmin:
    return SubstanceAdmin.model_validate(substance, from_attributes=True)


@router.post(
    "/substances",
    status_code=201,
    response_model=SubstanceAdmin,
    responses=problem_responses(Unauthorized, Forbidden, InvalidInput, Conflict),
    operation_id="intake_add_substance",
)
async def add_substance(data: SubstanceCreate, session: DbSession, actor: Manager) -> BaseModel:
    if await session.get(Substance, data.code) is not None:
        raise Conflict(f"The substance {data.code!r} exists already.")
    substance = Substance(**data.model_dump(), active=True)
    session.add(substance)
    await session.flush()
    return _out(substance)


@router.patch(
    "/substances/{code}",
    response_model=SubstanceAdmin,
    responses=problem_responses(Unauthorized, Forbidden, InvalidInput, NotFound),
    operation_id="intake_update_substance",
)
async def update_substance(
    code: str, data: SubstanceUpdate, session: DbSession, actor: Manager
) -> BaseModel:
    """Renames or retires a category; reports keep the code they were filed with."""
    substance = await session.get(Substance, code, with_for_update=True)
    if substance is None:
        raise NotFound(f"No substance {code!r}.")
    for field, value in data.model_dump(exclude_unset=True, exclude_none=True).items():
        setattr(substance, field, value)
    await session.flush()
    return _out(substance)
