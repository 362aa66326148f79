"""The community satisfaction index (IKM) of a year, from the survey facts.

The formula is `apik_shared.ikm`, the one examination uses for its own `/ikm`: the
database sums each element's answers of the year's complete responses, and the index
is computed exactly from those sums. The definition is `rules.INDICATORS` (`ikm`).
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from apik_reporting.models import SURVEYS
from apik_reporting.rules import rounded, year_bounds
from apik_shared.ikm import ELEMENTS, Ikm, ikm_of_totals


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
