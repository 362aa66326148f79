"""Breakdowns of a year's figures by one dimension (definitions in `rules.BREAKDOWNS`),
summed from the read model's monthly counts (`read_model/service/monthly.py`)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from apik_reporting.breakdowns.rules import LOSS_COLUMNS, MONTH_COLUMNS, Dimension, loss_rows
from apik_reporting.exports.schemas import Cell
from apik_reporting.read_model.service import losses, monthly


async def breakdown(
    *, session: AsyncSession, dimension: Dimension, year: int, office: str | None
) -> tuple[list[str], list[dict[str, Cell]]]:
    """(columns, rows): one row per value, the largest first; `month` has twelve rows,
    `public_loss` one per office, substance and agency type (`rules.loss_rows`)."""
    if dimension is Dimension.month:
        counts = await monthly.by_month(session=session, year=year, office=office)
        rows: list[dict[str, Cell]] = [
            {"month": f"{year}-{m:02d}", **{c: counts.get(m, {}).get(c, 0) for c in MONTH_COLUMNS}}
            for m in range(1, 13)
        ]
        return ["month", *MONTH_COLUMNS], rows
    if dimension is Dimension.public_loss:
        found = await losses.public_loss(session=session, year=year, office=office)
        return list(LOSS_COLUMNS), [dict(row) for row in loss_rows(found)]
    grouped = await monthly.grouped(session=session, dimension=dimension, year=year, office=office)
    return [dimension.value, "count"], [{dimension.value: k, "count": n} for k, n in grouped]
