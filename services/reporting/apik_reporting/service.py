"""Targets and indicators: keyword-only use cases that add and flush, never commit."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from apik_reporting.models import Target
from apik_reporting.projection import CASES, REPORTS, VISITS
from apik_reporting.rules import (
    CONSULTATION_KIND,
    INDICATORS,
    PUBLIC_REPORT_KINDS,
    percent,
    rounded,
    target_problems,
    year_bounds,
)
from apik_reporting.schemas import KpiItem
from apik_shared.problems import InvalidInput

TARGETS: sa.Table = Target.__table__  # type: ignore[attr-defined]


def _pointer(code: str) -> str:
    # JSON pointer escaping, so a code such as "a/b" still names its own member.
    return "#/body/targets/" + code.replace("~", "~0").replace("/", "~1")


async def set_targets(
    *, session: AsyncSession, office: str, year: int, targets: Mapping[str, float], actor: str
) -> dict[str, int | float]:
    """Replaces the office's targets for the year with `targets`."""
    if problems := target_problems(dict(targets)):
        raise InvalidInput(
            "Some targets are not valid: " + ", ".join(code for code, _ in problems),
            errors=[{"pointer": _pointer(code), "detail": m} for code, m in problems],
        )
    await session.execute(
        sa.delete(TARGETS).where(TARGETS.c.office == office, TARGETS.c.year == year)
    )
    now = datetime.now(UTC)
    for code, value in targets.items():
        session.add(
            Target(
                office=office,
                year=year,
                indicator=code,
                value=Decimal(str(value)),
                set_by=actor,
                set_at=now,
            )
        )
    await session.flush()
    return await get_targets(session=session, office=office, year=year)


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


async def get_targets(
    *, session: AsyncSession, office: str | None, year: int
) -> dict[str, int | float]:
    """The office's targets; for every office (None), the sum of the additive ones."""
    query = sa.select(TARGETS.c.indicator, sa.func.sum(TARGETS.c.value)).where(
        TARGETS.c.year == year
    )
    if office is not None:
        query = query.where(TARGETS.c.office == office)
    rows = await session.execute(query.group_by(TARGETS.c.indicator))
    targets = {code: _number(value) for code, value in rows.all()}
    if office is None:
        additive = {i.code for i in INDICATORS if i.additive}
        targets = {code: value for code, value in targets.items() if code in additive}
    return targets


def _in(column: sa.ColumnElement[Any], year: int) -> sa.ColumnElement[bool]:
    first, last = year_bounds(year)
    return column.between(first, last)


def _office(table: sa.Table, office: str | None) -> list[sa.ColumnElement[bool]]:
    return [] if office is None else [table.c.office == office]


async def _one(session: AsyncSession, query: sa.Executable) -> Any:
    return (await session.execute(query)).one()


async def achievements(
    *, session: AsyncSession, year: int, office: str | None
) -> dict[str, float | None]:
    """Each indicator's value for the year, from the facts (see `rules.INDICATORS`).

    One query per deciding date, each limited to the year's range of that date's index,
    so a year costs the same however many years the read model holds.
    """
    r, c, v = REPORTS.c, CASES.c, VISITS.c
    count = sa.func.count
    _, last = year_bounds(year)
    registered = await _one(
        session,
        sa.select(
            count().filter(r.kind == CONSULTATION_KIND, r.answered_at.is_not(None)),
            count().filter(r.kind.in_(PUBLIC_REPORT_KINDS)),
        ).where(_in(r.registered_on, year), *_office(REPORTS, office)),
    )
    handed_over = await _one(
        session, sa.select(count()).where(_in(r.verified_on, year), *_office(REPORTS, office))
    )
    closed = await _one(
        session,
        sa.select(
            count(),
            count().filter(c.sla_state == "met"),
            count().filter(c.sla_state.is_not(None)),
            sa.func.avg(c.working_days),
        ).where(_in(c.closed_on, year), *_office(CASES, office)),
    )
    in_process = await _one(
        session,
        sa.select(count()).where(
            c.opened_on <= last,
            sa.or_(c.closed_on.is_(None), c.closed_on > last),
            *_office(CASES, office),
        ),
    )
    visits = await _one(
        session,
        sa.select(count(), sa.func.avg(v.duration_seconds), sa.func.avg(v.rating)).where(
            _in(v.visited_on, year), *_office(VISITS, office)
        ),
    )
    met, with_sla = closed[1], closed[2]
    return {
        "knl_recorded": registered[0],
        "lm_registered": registered[1],
        "reports_handed_over": handed_over[0],
        "reports_closed": closed[0],
        "reports_in_process": in_process[0],
        "closed_within_sla_pct": rounded(Decimal(met) * 100 / with_sla, 1) if with_sla else None,
        "avg_working_days_to_close": rounded(closed[3]),
        "desk_visits": visits[0],
        "desk_avg_duration_minutes": rounded(visits[1] / 60) if visits[1] is not None else None,
        "desk_avg_rating": rounded(visits[2]),
        "ikm": 0,
    }


async def kpis(*, session: AsyncSession, year: int, office: str | None) -> list[KpiItem]:
    achieved = await achievements(session=session, year=year, office=office)
    targets = await get_targets(session=session, office=office, year=year)
    items = []
    for indicator in INDICATORS:
        value = achieved[indicator.code] if indicator.available else 0
        target = targets.get(indicator.code)
        items.append(
            KpiItem(
                indicator=indicator.code,
                unit=indicator.unit,
                target=target,
                achieved=value,
                percent=percent(value, target, indicator.better),
                definition=indicator.definition,
            )
        )
    return items
