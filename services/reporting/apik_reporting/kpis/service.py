"""Targets and indicators: keyword-only use cases that add and flush, never commit.

The community satisfaction index (IKM) of a year comes from the survey facts. Its
formula is `apik_shared.vocabulary.ikm`, the one examination uses for its own `/ikm`: the database
sums each element's answers of the year's complete responses, and the index is computed
exactly from those sums. The definition is `rules.INDICATORS` (`ikm`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from apik_reporting.kpis.rules import (
    INDICATORS,
    loss_achievements,
    percent,
    rounded,
    target_problems,
    year_bounds,
)
from apik_reporting.kpis.schemas import KpiItem
from apik_reporting.models import SURVEYS, Target
from apik_reporting.read_model.service import losses, monthly
from apik_shared.platform.problems import InvalidInput
from apik_shared.vocabulary.ikm import ELEMENTS, Ikm, ikm_of_totals

TARGETS: sa.Table = Target.__table__  # type: ignore[attr-defined]


def _pointer(code: str) -> str:
    # JSON pointer escaping, so a code such as "a/b" still names its own member.
    return "#/body/targets/" + code.replace("~", "~0").replace("/", "~1")


async def set_targets(
    *, session: AsyncSession, office: str, year: int, targets: Mapping[str, float], actor: str
) -> dict[str, int | float]:
    """Replaces the office's targets for the year with `targets`."""
    if problems := target_problems(dict(targets)):
        raise InvalidInput.each([(_pointer(code), why) for code, why in problems])
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
    monthly counts (`read_model/service/monthly.py`): a year of every office together
    costs a few thousand rows, however many reports the read model holds."""
    totals = await monthly.year_totals(session=session, year=year, office=office)
    loss = await losses.public_loss(session=session, year=year, office=office)
    return {
        **totals.achievements(),
        **loss_achievements(loss),
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
                definition_id=indicator.definisi,
                definition_en=indicator.definition,
            )
        )
    return items


async def ikm_of_year(*, session: AsyncSession, year: int, office: str | None) -> Ikm | None:
    """The index of the responses answered in the year (office's calendar); None: none.

    Every office together (None) is the index of all their responses, not an average of
    the offices' indexes.
    """
    answers = [SURVEYS.c[element.value] for element in ELEMENTS]
    first, last = year_bounds(year)
    query = sa.select(sa.func.count(), *(sa.func.sum(column) for column in answers)).where(
        SURVEYS.c.answered_on.between(first, last),
        # A response missing an element (an odd event) cannot be averaged per element.
        *(column.is_not(None) for column in answers),
    )
    if office is not None:
        query = query.where(SURVEYS.c.office == office)
    responses, *totals = (await session.execute(query)).one()
    return ikm_of_totals(responses, {e: int(t or 0) for e, t in zip(ELEMENTS, totals, strict=True)})


async def ikm_achieved(*, session: AsyncSession, year: int, office: str | None) -> float | None:
    """The `ikm` indicator's value: the index, two decimals; None without responses."""
    result = await ikm_of_year(session=session, year=year, office=office)
    return rounded(result.index) if result is not None else None


async def ikm_achieved_by_office(
    *, session: AsyncSession, year: int
) -> dict[str | None, float | None]:
    """`ikm_achieved` of each office with responses in the year, and of every office
    together (None), from one query grouped by office (the national roll-up)."""
    answers = [SURVEYS.c[element.value] for element in ELEMENTS]
    first, last = year_bounds(year)
    rows = await session.execute(
        sa.select(SURVEYS.c.office, sa.func.count(), *(sa.func.sum(column) for column in answers))
        .where(
            SURVEYS.c.answered_on.between(first, last),
            *(column.is_not(None) for column in answers),
        )
        .group_by(SURVEYS.c.office)
    )
    achieved: dict[str | None, float | None] = {}
    national = [0] * (len(ELEMENTS) + 1)
    for office, *sums in rows.all():
        counts = [int(value or 0) for value in sums]
        national = [a + b for a, b in zip(national, counts, strict=True)]
        result = ikm_of_totals(counts[0], dict(zip(ELEMENTS, counts[1:], strict=True)))
        achieved[office] = rounded(result.index) if result is not None else None
    result = ikm_of_totals(national[0], dict(zip(ELEMENTS, national[1:], strict=True)))
    achieved[None] = rounded(result.index) if result is not None else None
    return achieved
