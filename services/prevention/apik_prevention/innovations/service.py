"""The inventory of innovations: recorded, replaced, listed."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_prevention.innovations import rules
from apik_prevention.innovations.rules import Category, InnovationStatus, Owner
from apik_prevention.innovations.schemas import InnovationBody
from apik_prevention.models import Innovation
from apik_shared.platform.auth import Principal
from apik_shared.platform.problems import InvalidInput, NotFound


def _values(data: InnovationBody) -> dict[str, Any]:
    if why := rules.owner_problem(data.owner, data.agency):
        raise InvalidInput.field(
            "#/body/agency", why, code="missing" if data.owner is Owner.agency else "none_required"
        )
    return {
        **data.model_dump(),
        "owner": data.owner.value,
        "category": data.category.value,
        "status": data.status.value,
    }


def _entry(actor: str, step: str) -> dict[str, Any]:
    return {"at": datetime.now(UTC).isoformat(), "by": actor, "step": step}


async def get(
    *, session: AsyncSession, innovation_id: uuid.UUID, actor: Principal, for_update: bool = False
) -> Innovation:
    row = await session.get(Innovation, innovation_id, with_for_update=for_update)
    if row is None or not actor.can_see_office(row.office):
        raise NotFound(f"No innovation {innovation_id}.")
    return row


async def create(*, session: AsyncSession, data: InnovationBody, actor: Principal) -> Innovation:
    row = Innovation(office=actor.office, created_by=actor.username, **_values(data))
    row.history = [_entry(actor.username, "recorded")]
    session.add(row)
    await session.flush()
    return row


async def replace(
    *, session: AsyncSession, innovation: Innovation, data: InnovationBody, actor: Principal
) -> Innovation:
    for key, value in _values(data).items():
        setattr(innovation, key, value)
    innovation.history = [*innovation.history, _entry(actor.username, "changed")]
    innovation.version += 1
    session.add(innovation)
    await session.flush()
    return innovation


async def list_innovations(
    *,
    session: AsyncSession,
    actor: Principal,
    owner: Owner | None,
    category: Category | None,
    status: InnovationStatus | None,
    year: int | None,
) -> list[Innovation]:
    query = select(Innovation).order_by(
        col(Innovation.year).desc(), col(Innovation.name), col(Innovation.id)
    )
    if (office := actor.office_scope()) is not None:
        query = query.where(Innovation.office == office)
    for column, value in (
        (Innovation.owner, owner),
        (Innovation.category, category),
        (Innovation.status, status),
    ):
        if value is not None:
            query = query.where(column == value.value)
    if year is not None:
        query = query.where(Innovation.year == year)
    return list((await session.execute(query.limit(1000))).scalars())
