"""Staff activity per person, and the national roll-up per office."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from apik_reporting.projection import CASES, REPORTS, VISITS
from apik_reporting.rules import INDICATORS, NATIONAL_ROW, STAFF_COLUMNS, rounded, year_bounds
from apik_reporting.schemas import Cell
from apik_reporting.service import achievements


def _counted(
    table: sa.Table, person: str, date_column: str, year: int, office: str | None
) -> sa.Select[Any]:
    first, last = year_bounds(year)
    query = (
        sa.select(table.c[person], sa.func.count())
        .where(table.c[date_column].between(first, last), table.c[person].is_not(None))
        .group_by(table.c[person])
    )
    return query.where(table.c.office == office) if office is not None else query


async def staff_activity(
    *, session: AsyncSession, year: int, office: str | None
) -> list[dict[str, Cell]]:
    """One row per person with any activity in the year, by name."""
    counts: dict[str, dict[str, Cell]] = defaultdict(dict)
    sources = {
        "reports_verified": (REPORTS, "verified_by", "verified_on"),
        "reports_rejected": (REPORTS, "rejected_by", "rejected_on"),
        "consultations_answered": (REPORTS, "answered_by", "answered_on"),
        "cases_closed": (CASES, "examiner_id", "closed_on"),
        "visits_served": (VISITS, "officer", "visited_on"),
    }
    for column, (table, person, date_column) in sources.items():
        rows = await session.execute(_counted(table, person, date_column, year, office))
        for name, count in rows.all():
            counts[name][column] = count
    first, last = year_bounds(year)
    ratings = sa.select(VISITS.c.officer, sa.func.avg(VISITS.c.rating)).where(
        VISITS.c.visited_on.between(first, last), VISITS.c.officer.is_not(None)
    )
    if office is not None:
        ratings = ratings.where(VISITS.c.office == office)
    for name, average in (await session.execute(ratings.group_by(VISITS.c.officer))).all():
        counts[name]["desk_avg_rating"] = rounded(average)
    return [
        {
            "person": name,
            **{
                c: counts[name].get(c, None if c == "desk_avg_rating" else 0)
                for c in STAFF_COLUMNS[1:]
            },
        }
        for name in sorted(counts)
    ]


async def offices_with_facts(*, session: AsyncSession) -> list[str]:
    union = sa.union(*(sa.select(t.c.office) for t in (REPORTS, CASES, VISITS)))
    rows = await session.execute(sa.select(union.subquery().c.office).order_by("office"))
    return [office for (office,) in rows.all() if office]


async def rollup(*, session: AsyncSession, year: int) -> list[dict[str, Cell]]:
    """Per office the achievements of /kpis, then every office together."""
    items: list[dict[str, Cell]] = []
    for office in [*await offices_with_facts(session=session), None]:
        achieved = await achievements(session=session, year=year, office=office)
        row: dict[str, Cell] = {"office": office or NATIONAL_ROW}
        for indicator in INDICATORS:
            row[indicator.code] = achieved[indicator.code] if indicator.available else 0
        items.append(row)
    return items
