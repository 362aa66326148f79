"""Public loss (kerugian publik) prevented and recovered, summed from the case facts.

Not from the monthly counts: the agency type is the report's (intake's events carry it,
examination's do not), so the cases are joined to their reports here. Few cases record a
loss, and a partial index holds just those (migration 0007), so a year of every office
together reads those few. What the sums mean is `breakdowns/rules.py` (`Loss`,
`BREAKDOWNS[public_loss]`).
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from apik_reporting.breakdowns.rules import LOSS_KINDS, UNSPECIFIED, Loss
from apik_reporting.kpis.rules import year_bounds
from apik_reporting.models import CASES, REPORTS


def _named(value: sa.ColumnElement[str | None]) -> sa.ColumnElement[str]:
    return sa.func.coalesce(sa.func.nullif(value, ""), UNSPECIFIED)


async def public_loss(*, session: AsyncSession, year: int, office: str | None) -> list[Loss]:
    """The sums per office, substance, agency type and kind of the cases whose last
    closure falls in the year (office's calendar) and recorded a loss; None: every office."""
    first, last = year_bounds(year)
    case, report = CASES.c, REPORTS.c
    substance = _named(sa.func.coalesce(case.substance, report.substance)).label("substance")
    agency_type = _named(report.agency_type).label("agency_type")
    query = (
        sa.select(
            case.office,
            substance,
            agency_type,
            case.public_loss_kind,
            sa.func.count(),
            sa.func.coalesce(sa.func.sum(case.public_loss_people), 0),
            sa.func.coalesce(sa.func.sum(case.public_loss_idr), 0),
        )
        .select_from(CASES.outerjoin(REPORTS, report.report_id == case.report_id))
        .where(
            case.public_loss_kind.is_not(None),  # the partial index's condition
            case.public_loss_kind.in_(LOSS_KINDS),
            case.closed_on.between(first, last),
        )
        .group_by(case.office, substance, agency_type, case.public_loss_kind)
    )
    if office is not None:
        query = query.where(case.office == office)
    rows = await session.execute(query)
    return [
        Loss(o, s, a, kind, int(n), int(people), int(idr))
        for o, s, a, kind, n, people, idr in rows.all()
    ]
