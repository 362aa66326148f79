"""Breakdowns of a year's figures by one dimension (definitions in `rules.BREAKDOWNS`)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from apik_reporting.projection import CASES, REPORTS, VISITS
from apik_reporting.rules import (
    CONSULTATION_KIND,
    MONTH_COLUMNS,
    PUBLIC_REPORT_KINDS,
    UNSPECIFIED,
    Dimension,
    year_bounds,
)
from apik_reporting.schemas import Cell

# dimension -> (table, the column grouped by, the date that decides the year)
_GROUPED: dict[Dimension, tuple[sa.Table, str, str]] = {
    Dimension.substance: (REPORTS, "substance", "verified_on"),
    Dimension.outcome: (CASES, "outcome", "closed_on"),
    Dimension.channel: (REPORTS, "channel", "registered_on"),
    Dimension.agency_type: (REPORTS, "agency_type", "verified_on"),
}


def _where(table: sa.Table, date_column: str, year: int, office: str | None) -> list[Any]:
    first, last = year_bounds(year)
    conditions: list[Any] = [table.c[date_column].between(first, last)]
    if office is not None:
        conditions.append(table.c.office == office)
    return conditions


async def breakdown(
    *, session: AsyncSession, dimension: Dimension, year: int, office: str | None
) -> tuple[list[str], list[dict[str, Cell]]]:
    """(columns, rows): one row per value, the largest first; `month` has twelve rows."""
    if dimension is Dimension.month:
        return ["month", *MONTH_COLUMNS], await _by_month(session, year, office)
    table, column, date_column = _GROUPED[dimension]
    key = sa.func.coalesce(table.c[column], UNSPECIFIED).label("key")
    rows = await session.execute(
        sa.select(key, sa.func.count().label("count"))
        .where(*_where(table, date_column, year, office))
        .group_by(key)
        .order_by(sa.desc("count"), key)
    )
    return [dimension.value, "count"], [{dimension.value: k, "count": n} for k, n in rows.all()]


async def _monthly(
    session: AsyncSession,
    table: sa.Table,
    date_column: str,
    year: int,
    office: str | None,
    *extra: Any,
) -> dict[int, int]:
    month = sa.extract("month", table.c[date_column]).label("month")
    rows = await session.execute(
        sa.select(month, sa.func.count())
        .where(*_where(table, date_column, year, office), *extra)
        .group_by(month)
    )
    return {int(m): n for m, n in rows.all()}


async def _by_month(session: AsyncSession, year: int, office: str | None) -> list[dict[str, Cell]]:
    r = REPORTS.c
    counts = {
        "lm_registered": await _monthly(
            session, REPORTS, "registered_on", year, office, r.kind.in_(PUBLIC_REPORT_KINDS)
        ),
        "knl_recorded": await _monthly(
            session,
            REPORTS,
            "registered_on",
            year,
            office,
            r.kind == CONSULTATION_KIND,
            r.answered_at.is_not(None),
        ),
        "reports_handed_over": await _monthly(session, REPORTS, "verified_on", year, office),
        "reports_closed": await _monthly(session, CASES, "closed_on", year, office),
        "desk_visits": await _monthly(session, VISITS, "visited_on", year, office),
    }
    return [
        {"month": f"{year}-{m:02d}", **{c: counts[c].get(m, 0) for c in MONTH_COLUMNS}}
        for m in range(1, 13)
    ]
