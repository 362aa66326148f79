"""Targets and indicators: keyword-only use cases that add and flush, never commit."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from apik_reporting.models import Target
from apik_reporting.read_model import monthly
from apik_reporting.rules import INDICATORS, percent, target_problems
from apik_reporting.schemas import KpiItem
from apik_reporting.service_ikm import ikm_achieved
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


async def achievements(
    *, session: AsyncSession, year: int, office: str | None
) -> dict[str, float | None]:
    """Each indicator's value for the year (see `rules.INDICATORS`), summed from the
    monthly counts (`monthly.py`): a year of every office together costs a few thousand
    rows, however many reports the read model holds."""
    totals = await monthly.year_totals(session=session, year=year, office=office)
    return {
        **totals.achievements(),
        "ikm": await ikm_achieved(session=session, year=year, office=office),
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
