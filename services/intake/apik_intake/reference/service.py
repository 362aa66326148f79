"""The office's reference lists: substance (sector) categories, seeded with seventeen."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_intake.models import Substance
from apik_intake.reference.schemas import SubstanceCreate, SubstanceUpdate
from apik_shared.platform.problems import Conflict, NotFound


async def active_substances(*, session: AsyncSession) -> list[Substance]:
    rows = await session.execute(
        select(Substance).where(col(Substance.active).is_(True)).order_by(Substance.code)
    )
    return list(rows.scalars())


async def add_substance(*, session: AsyncSession, data: SubstanceCreate) -> Substance:
    if await session.get(Substance, data.code) is not None:
        raise Conflict(f"The substance {data.code!r} exists already.")
    substance = Substance(**data.model_dump(), active=True)
    session.add(substance)
    await session.flush()
    return substance


async def update_substance(*, session: AsyncSession, code: str, data: SubstanceUpdate) -> Substance:
    """Renames or retires a category; reports keep the code they were filed with."""
    substance = await session.get(Substance, code, with_for_update=True)
    if substance is None:
        raise NotFound(f"No substance {code!r}.")
    for field, value in data.model_dump(exclude_unset=True, exclude_none=True).items():
        setattr(substance, field, value)
    await session.flush()
    return substance
