"""The office's Red Button statistics: cases per month (in the office's own zone) and
their median response times, withheld for months under the minimum count."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import select

from apik_internship.models import RedButtonCase
from apik_internship.red_button import rules
from apik_shared.platform.offices import office_calendar


def _minutes(start: datetime, end: datetime | None) -> float | None:
    return None if end is None else (end - start).total_seconds() / 60


async def monthly(*, session: AsyncSession, office: str, min_count: int) -> list[rules.MonthStats]:
    zone = ZoneInfo((await office_calendar(session, office)).timezone)
    rows = await session.execute(
        select(
            RedButtonCase.raised_at, RedButtonCase.acknowledged_at, RedButtonCase.protected_at
        ).where(RedButtonCase.office == office)
    )
    timings = [
        rules.Timing(
            month=raised.astimezone(zone).date().replace(day=1),
            acknowledge_minutes=_minutes(raised, acknowledged),
            protect_minutes=_minutes(raised, protected),
        )
        for raised, acknowledged, protected in rows
    ]
    return rules.monthly(timings, min_count)
