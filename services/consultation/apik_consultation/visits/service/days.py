"""The desk's days are its office's: each visit and risk counts in the zone of the office
it belongs to, from the service's copy of the office registry (`apik_shared.platform.offices`).

In Python for one office or a batch of them (`office_calendar`, `office_calendars`: one
query per batch, not per row), and in SQL where one query spans several offices (a
national reader's list): `local_date` turns an instant into the row's office date, WIB for
an office the copy has not heard of yet, as `apik_shared.platform.offices` counts it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped
from sqlalchemy.sql.elements import ColumnElement

from apik_shared.platform.offices import local_date_sql, office_calendar, office_calendars
from apik_shared.vocabulary.calendar import OfficeCalendar

__all__ = ["local_date", "office_calendar", "today_of_scope", "todays"]


async def todays(session: AsyncSession, offices: Iterable[str], now: datetime) -> dict[str, date]:
    """Each office's own date at `now`, the calendars read in one query."""
    calendars: dict[str, OfficeCalendar] = await office_calendars(session, list(offices))
    return {code: calendar.local_date(now) for code, calendar in calendars.items()}


# A column of the table, as `col(Visit.office)` types it.
Office = ColumnElement[str] | Mapped[str]
Instant = ColumnElement[datetime] | Mapped[datetime] | Mapped[datetime | None] | datetime


def local_date(office: Office, instant: Instant) -> ColumnElement[date]:
    """SQL: the date of `instant` (a column, or a moment) in the zone of the row's `office`."""
    return local_date_sql(office, instant)


async def today_of_scope(
    session: AsyncSession, scope: str | None, office: Office, now: datetime
) -> date | ColumnElement[date]:
    """Today for a query over `scope` (`Principal.office_scope()`): the office's own date,
    or, across every office (None), each row's own office date in SQL."""
    if scope is not None:
        return (await office_calendar(session, scope)).local_date(now)
    return local_date(office, now)
