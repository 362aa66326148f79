"""Making a cohort from the office's accepted applications, and setting its units."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from sqlalchemy import func
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_internship.applications.rules import ApplicationStatus
from apik_internship.models import Application, Cohort, CohortMember, CohortUnit
from apik_shared.platform.auth import Principal
from apik_shared.platform.problems import InvalidInput, NotFound


async def create_cohort(
    *,
    session: AsyncSession,
    office: str,
    name: str,
    start: date,
    end: date,
    phases: int,
    units: Sequence[str],
    actor: Principal,
) -> Cohort:
    """A cohort of every accepted application of `office` whose period starts within
    [start, end] and that no other cohort holds; each intern's preferences start as the
    units they applied for (those the office still has)."""
    cohort = Cohort(
        office=office,
        title=name,
        period_start=start,
        period_end=end,
        phases=phases,
        created_by=actor.username,
    )
    session.add(cohort)
    await session.flush()
    taken = select(CohortMember.application_id)
    rows = await session.execute(
        select(Application).where(
            Application.office == office,
            Application.status == ApplicationStatus.accepted.value,
            col(Application.period_start) >= start,
            col(Application.period_start) <= end,
            col(Application.id).not_in(taken),
        )
    )
    table = CohortMember.__table__  # type: ignore[attr-defined]
    for application in rows.scalars():
        wanted = [u for u in application.units if u in units]
        accepted_in = application.unit
        if accepted_in is not None and accepted_in in units and accepted_in not in wanted:
            wanted.insert(0, accepted_in)  # where it was accepted
        # A cohort made at the same moment may take it first: one cohort each.
        await session.execute(
            insert(table)
            .values(application_id=application.id, cohort_id=cohort.id, preferences=wanted)
            .on_conflict_do_nothing(index_elements=["application_id"])
        )
    await session.flush()
    return cohort


async def get_cohort(
    *, session: AsyncSession, cohort_id: uuid.UUID, actor: Principal, for_update: bool = False
) -> Cohort:
    cohort = await session.get(Cohort, cohort_id, with_for_update=for_update)
    if cohort is None or not actor.can_see_office(cohort.office):
        raise NotFound(f"No cohort {cohort_id}.")
    return cohort


async def list_cohorts(*, session: AsyncSession, actor: Principal) -> list[tuple[Cohort, int]]:
    """The office's cohorts, newest period first, with their member counts."""
    query = select(Cohort).order_by(col(Cohort.period_start).desc(), col(Cohort.id))
    if (office := actor.office_scope()) is not None:
        query = query.where(Cohort.office == office)
    cohorts = list((await session.execute(query)).scalars())
    rows = await session.execute(
        select(col(CohortMember.cohort_id), func.count())
        .where(col(CohortMember.cohort_id).in_([c.id for c in cohorts]))
        .group_by(col(CohortMember.cohort_id))
    )
    counts = {cohort_id: count for cohort_id, count in rows.all()}
    return [(c, counts.get(c.id, 0)) for c in cohorts]


async def members_of(
    *, session: AsyncSession, cohort: Cohort
) -> list[tuple[CohortMember, Application]]:
    rows = await session.execute(
        select(CohortMember, Application)
        .join(Application, col(Application.id) == col(CohortMember.application_id))
        .where(CohortMember.cohort_id == cohort.id)
        .order_by(col(Application.period_start), col(Application.id))
    )
    return [(m, a) for m, a in rows.all()]


async def units_of(*, session: AsyncSession, cohort: Cohort) -> list[CohortUnit]:
    rows = await session.execute(
        select(CohortUnit).where(CohortUnit.cohort_id == cohort.id).order_by(col(CohortUnit.unit))
    )
    return list(rows.scalars())


async def set_unit(
    *,
    session: AsyncSession,
    cohort: Cohort,
    unit: str,
    capacity: int,
    supervisor: str | None,
    units: Sequence[str],
) -> Cohort:
    """Sets a unit's places per phase and its supervisor. Lowering the places below
    what is planned is allowed: the next allocation or adjustment respects it."""
    if unit not in units:
        raise InvalidInput.field(
            "#/path/unit",
            f"No unit {unit!r}; the units are {', '.join(units)}.",
            code="unknown_unit",
            units=", ".join(units),
        )
    table = CohortUnit.__table__  # type: ignore[attr-defined]
    values = {"capacity": capacity, "supervisor": supervisor}
    await session.execute(
        insert(table)
        .values(cohort_id=cohort.id, unit=unit, **values)
        .on_conflict_do_update(index_elements=["cohort_id", "unit"], set_=values)
    )
    cohort.version += 1
    session.add(cohort)
    await session.flush()
    return cohort
