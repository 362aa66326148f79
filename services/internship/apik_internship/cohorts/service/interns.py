"""The intern's own rotation and preferences."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_internship.models import Application, CohortMember, CohortUnit, Placement
from apik_shared.platform.problems import InvalidInput, NotFound


async def own_rotation(
    *, session: AsyncSession, application: Application
) -> list[tuple[Placement, str | None]]:
    """The intern's placements, phase by phase, with each unit's supervisor."""
    rows = await session.execute(
        select(Placement, CohortUnit.supervisor)
        .outerjoin(
            CohortUnit,
            (col(CohortUnit.cohort_id) == col(Placement.cohort_id))
            & (col(CohortUnit.unit) == col(Placement.unit)),
        )
        .where(Placement.application_id == application.id)
        .order_by(col(Placement.phase))
    )
    return [(p, s) for p, s in rows.all()]


async def set_preferences(
    *, session: AsyncSession, application: Application, units: Sequence[str], known: Sequence[str]
) -> CohortMember:
    """The intern ranks the units; the next allocation reads them."""
    if unknown := [u for u in units if u not in known]:
        raise InvalidInput.field(
            "#/body/units",
            f"No unit {unknown[0]!r}; the units are {', '.join(known)}.",
            code="unknown_unit",
            units=", ".join(known),
        )
    member = await session.get(CohortMember, application.id, with_for_update=True)
    if member is None:
        raise NotFound("You are not in a cohort yet.")
    member.preferences = list(units)
    session.add(member)
    await session.flush()
    return member
