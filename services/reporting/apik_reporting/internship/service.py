"""The internship KPIs from the read model's facts (`intern_fact`, `red_button_fact`).

An office takes hundreds of interns a year and few Red Button cases, so the facts are
summed directly (no monthly counts like the reports'): a year is a few hundred rows."""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from apik_reporting.internship import rules
from apik_reporting.internship.schemas import (
    InternshipKpis,
    KindCounts,
    MonthCounts,
    RedButtonMonth,
    RedButtonStats,
    UnitCounts,
)
from apik_reporting.models import INTERNS, RED_BUTTONS

STAGES = ("applied", "accepted", "completed")
UNSPECIFIED = "unspecified"


def _in_year(column: sa.ColumnElement[Any], year: int) -> sa.ColumnElement[bool]:
    return column.between(date(year, 1, 1), date(year, 12, 31))


def _of_office(table: sa.Table, office: str | None) -> list[sa.ColumnElement[bool]]:
    return [] if office is None else [table.c.office == office]


async def _counts(
    session: AsyncSession, key: sa.ColumnElement[Any], year: int, office: str | None
) -> dict[Any, dict[str, int]]:
    """{key value: {stage: count}}: each stage counted in the year of its own date."""
    out: dict[Any, dict[str, int]] = {}
    for stage in STAGES:
        on = INTERNS.c[f"{stage}_on"]
        rows = await session.execute(
            sa.select(key.label("key"), sa.func.count())
            .where(_in_year(on, year), *_of_office(INTERNS, office))
            .group_by(sa.literal_column("1"))
        )
        for value, n in rows:
            out.setdefault(value, dict.fromkeys(STAGES, 0))[stage] = n
    return out


async def internship_kpis(
    *, session: AsyncSession, year: int, office: str | None, min_count: int
) -> InternshipKpis:
    c = INTERNS.c
    by_month: dict[str, dict[str, int]] = {}
    for stage in STAGES:
        on = c[f"{stage}_on"]
        month = sa.cast(sa.extract("month", on), sa.Integer)
        rows = await session.execute(
            sa.select(month, sa.func.count())
            .where(_in_year(on, year), *_of_office(INTERNS, office))
            .group_by(month)
        )
        for m, n in rows:
            by_month.setdefault(f"{year}-{m:02d}", dict.fromkeys(STAGES, 0))[stage] = n
    months = [
        MonthCounts(month=key, **by_month.get(key, dict.fromkeys(STAGES, 0)))
        for key in (f"{year}-{m:02d}" for m in range(1, 13))
    ]
    kinds = await _counts(session, sa.func.coalesce(c.institution_kind, UNSPECIFIED), year, office)
    units = await _counts(session, sa.func.coalesce(c.unit, UNSPECIFIED), year, office)

    ended, completed = (
        await session.execute(
            sa.select(sa.func.count(), sa.func.count(c.completed_at)).where(
                c.accepted_at.is_not(None),
                _in_year(c.period_end, year),
                *_of_office(INTERNS, office),
            )
        )
    ).one()

    r = RED_BUTTONS.c
    found = await session.execute(
        sa.select(
            sa.cast(sa.extract("month", r.raised_on), sa.Integer),
            r.raised_at,
            r.acknowledged_at,
            r.escalations,
        ).where(_in_year(r.raised_on, year), *_of_office(RED_BUTTONS, office))
    )
    alarms = [rules.Alarm(m, raised, ack, esc) for m, raised, ack, esc in found]
    red = [
        RedButtonMonth(
            month=f"{year}-{a.month:02d}",
            shown=a.shown,
            raised=a.raised,
            acknowledged=a.acknowledged,
            escalations=a.escalations,
            median_minutes=a.median_minutes,
            p90_minutes=a.p90_minutes,
        )
        for a in rules.alarm_months(alarms, min_count)
    ]
    return InternshipKpis(
        year=year,
        office=office,
        months=months,
        institution_kinds=[KindCounts(institution_kind=k, **v) for k, v in sorted(kinds.items())],
        units=[UnitCounts(unit=k, **v) for k, v in sorted(units.items())],
        ended=ended,
        completion_rate=rules.completion_rate(ended, completed),
        red_button=RedButtonStats(min_count=min_count, months=red),
        definitions=rules.DEFINITIONS,
        definitions_id=rules.DEFINITIONS_ID,
        definitions_en=rules.DEFINITIONS,
    )
