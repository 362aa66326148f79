"""What the desk's figures are computed from (the figures themselves are in `rules`)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_consultation import rules
from apik_consultation.models import Visit
from apik_consultation.rules import VisitStatus


async def served_between(
    *,
    session: AsyncSession,
    office: str | None,
    officer: str | None,
    start: datetime,
    end: datetime,
) -> list[rules.Served]:
    """Visits whose service ended in [start, end), for `rules.performance`."""
    query = select(Visit.officer, Visit.duration_seconds, Visit.rating).where(
        col(Visit.status).in_([VisitStatus.ended.value, VisitStatus.completed.value]),
        col(Visit.ended_at) >= start,
        col(Visit.ended_at) < end,
    )
    if office is not None:
        query = query.where(Visit.office == office)
    if officer is not None:
        query = query.where(Visit.officer == officer)
    rows = await session.execute(query)
    return [rules.Served(name or "", seconds or 0, rating) for name, seconds, rating in rows]


async def checked_in_between(
    *, session: AsyncSession, office: str | None, first: date, last: date
) -> list[tuple[date, str, str, str]]:
    """(day, category, requested category, description) of visits checked in on the
    desk's days `first` to `last`."""
    query = select(
        col(Visit.day), col(Visit.category), col(Visit.requested_category), col(Visit.description)
    ).where(col(Visit.day) >= first, col(Visit.day) <= last)
    if office is not None:
        query = query.where(Visit.office == office)
    return [(d, c, r, text) for d, c, r, text in await session.execute(query)]
