"""The queue: visits waiting or being served, first come first, as a screen shows it."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_consultation.live.schemas import Queue, QueueEntry
from apik_consultation.models import Visit
from apik_consultation.visits import rules
from apik_consultation.visits.rules import VisitStatus
from apik_consultation.visits.service import clock_marks


async def queued(*, session: AsyncSession, office: str | None) -> list[Visit]:
    """Visits waiting or being served, first come first."""
    query = (
        select(Visit)
        .where(col(Visit.status).in_([s.value for s in rules.QUEUED]))
        .order_by(col(Visit.checked_in_at), col(Visit.id))
    )
    if office is not None:
        query = query.where(Visit.office == office)
    return list((await session.execute(query)).scalars())


async def snapshot(*, session: AsyncSession, office: str | None) -> Queue:
    """The queue of `office` (every office for None) now; no visitor's name, so a screen
    at the desk may show it."""
    rows = await queued(session=session, office=office)
    marks = await clock_marks(session=session, visit_ids=[v.id for v in rows])
    now = datetime.now(UTC)
    items = []
    for visit in rows:
        status = VisitStatus(visit.status)
        seconds, running = rules.clock(
            status=status, fixed_seconds=visit.duration_seconds, marks=marks[visit.id], now=now
        )
        items.append(
            QueueEntry(
                id=visit.id,
                ticket=visit.ticket,
                category=visit.category,
                status=status,
                officer=visit.officer,
                checked_in_at=visit.checked_in_at,
                duration_seconds=seconds,
                clock_running=running,
            )
        )
    return Queue(office=office, at=now, items=items)
