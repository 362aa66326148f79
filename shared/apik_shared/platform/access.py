"""Object-level access: a row belongs to an office, and other offices cannot see it."""

from __future__ import annotations

import uuid
from typing import Any, Protocol, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import select

from apik_shared.platform.auth import Principal
from apik_shared.platform.problems import NotFound


class OfficeRow(Protocol):
    id: Any
    office: str


R = TypeVar("R", bound=OfficeRow)


async def get_in_office(
    *,
    session: AsyncSession,
    model: type[R],
    ident: uuid.UUID,
    actor: Principal,
    label: str,
    for_update: bool = False,
) -> R:
    """The row `ident` of `model` if the caller's office may see it, optionally locked.

    Another office's row is a 404, exactly like a row that does not exist: its existence
    is not the caller's business.
    """
    query = select(model).where(model.id == ident)
    if for_update:
        query = query.with_for_update()
    row = (await session.execute(query)).scalar_one_or_none()
    if row is None or not actor.can_see_office(row.office):
        raise NotFound(f"No {label} {ident}.")
    return row
