"""The reviewers' queue: applications a filter selects (status, unit, a month their
period touches), a page at a time or every one of them for the CSV."""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import cast, literal, or_
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_internship.models import Application
from apik_shared.platform.auth import Principal
from apik_shared.platform.offices import office_calendars
from apik_shared.platform.pagination import newest_first_page
from apik_shared.vocabulary.calendar import OfficeCalendar

# The queue's export is a working list, not an archive: past this, narrow the filters.
EXPORT_MAX_ROWS = 10_000


@dataclass(frozen=True)
class ApplicationFilter:
    status: str | None = None
    # The unit an application was accepted into, or (not yet accepted) one it asks for.
    unit: str | None = None
    month: str | None = None  # YYYY-MM: the period starts before its end, ends after its start


def _month_bounds(month: str) -> tuple[date, date]:
    year, number = (int(part) for part in month.split("-"))
    return date(year, number, 1), date(year, number, calendar.monthrange(year, number)[1])


def filtered(actor: Principal, where: ApplicationFilter) -> Any:
    """The query of what `where` selects among the applications `actor` may see."""
    query = select(Application)
    if (office := actor.office_scope()) is not None:
        query = query.where(Application.office == office)
    if where.status is not None:
        query = query.where(Application.status == where.status)
    if where.unit is not None:
        asked = col(Application.units).op("@>")(cast(literal([where.unit], JSONB), JSONB))
        query = query.where(
            or_(
                col(Application.unit) == where.unit,
                col(Application.unit).is_(None) & asked,
            )
        )
    if where.month is not None:
        first, last = _month_bounds(where.month)
        query = query.where(
            col(Application.period_start) <= last, col(Application.period_end) >= first
        )
    return query


async def list_applications(
    *,
    session: AsyncSession,
    actor: Principal,
    where: ApplicationFilter,
    cursor: str | None,
    limit: int,
) -> tuple[list[Application], str | None]:
    """Newest first, of the caller's office (every office for `national`)."""
    return await newest_first_page(
        session,
        filtered(actor, where),
        timestamp=col(Application.submitted_at),
        ident=col(Application.id),
        cursor=cursor,
        limit=limit,
    )


@dataclass(frozen=True)
class ApplicationExport:
    rows: list[Application]
    calendars: Mapping[str, OfficeCalendar]  # of every row's office


async def export_applications(
    *, session: AsyncSession, actor: Principal, where: ApplicationFilter
) -> ApplicationExport:
    """Every row the filter selects, newest first as the queue lists them, up to
    `EXPORT_MAX_ROWS`, with their offices' calendars read in one query."""
    query = (
        filtered(actor, where)
        .order_by(col(Application.submitted_at).desc(), col(Application.id).desc())
        .limit(EXPORT_MAX_ROWS)
    )
    rows = list((await session.execute(query)).scalars())
    offices = sorted({r.office for r in rows})
    calendars = await office_calendars(session, offices) if rows else {}
    return ApplicationExport(rows=rows, calendars=calendars)
