"""The suggestions job's work: reminders before and after a suggestion's due date."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import tuple_
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_prevention.models import Study, Suggestion, SuggestionReminder
from apik_prevention.studies import rules
from apik_prevention.studies.rules import Stage, SuggestionStatus
from apik_shared.platform.offices import office_calendars

Cursor = tuple[date, uuid.UUID]
OPEN = (SuggestionStatus.open.value, SuggestionStatus.in_progress.value)


async def run_clock(
    *,
    session: AsyncSession,
    offsets: Sequence[int],
    now: datetime,
    batch: int,
    after: Cursor | None = None,
) -> tuple[int, Cursor | None]:
    """One batch of open suggestions of published studies whose earliest reminder may
    have come: reminded once per offset. Rows are claimed with SKIP LOCKED and a reminder
    is a unique row, so two replicas never both record it. Returns (reminders recorded,
    the last row's key: None when the batch came back short)."""
    # A day of margin either side of UTC: the office's own date decides below.
    horizon = now.date() + timedelta(days=1 - min(offsets))
    rows = list(
        (
            await session.execute(
                select(Suggestion)
                .join(Study, col(Study.id) == col(Suggestion.study_id))
                .where(
                    col(Suggestion.status).in_(OPEN),
                    Study.stage == Stage.published.value,
                    col(Suggestion.due_on) <= horizon,
                )
                .where(*_after(after))
                .order_by(col(Suggestion.due_on), col(Suggestion.id))
                .limit(batch)
                .with_for_update(of=Suggestion, skip_locked=True)
            )
        ).scalars()
    )
    if not rows:
        return 0, None
    calendars = await office_calendars(session, [r.office for r in rows])
    recorded = await _recorded(session, [r.id for r in rows])
    reminded = 0
    for suggestion in rows:
        today = calendars[suggestion.office].local_date(now)
        for due in rules.due_reminders(
            due_on=suggestion.due_on,
            today=today,
            offsets=offsets,
            recorded=recorded.get(suggestion.id, set()),
        ):
            reminded += await _remind(session, suggestion, due, now)
    await session.flush()
    last = rows[-1]
    return reminded, ((last.due_on, last.id) if len(rows) == batch else None)


def _after(cursor: Cursor | None) -> list[Any]:
    if cursor is None:
        return []
    return [tuple_(col(Suggestion.due_on), col(Suggestion.id)) > tuple_(*cursor)]


async def _recorded(session: AsyncSession, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, set[int]]:
    rows = await session.execute(
        select(SuggestionReminder.suggestion_id, SuggestionReminder.offset_days).where(
            col(SuggestionReminder.suggestion_id).in_(ids)
        )
    )
    out: dict[uuid.UUID, set[int]] = {}
    for suggestion_id, offset in rows.all():
        out.setdefault(suggestion_id, set()).add(offset)
    return out


async def _remind(
    session: AsyncSession, suggestion: Suggestion, due: rules.Reminder, now: datetime
) -> int:
    """Records the reminder unless a replica already did. 1 when this call recorded it."""
    table = SuggestionReminder.__table__  # type: ignore[attr-defined]
    inserted = await session.scalar(
        insert(table)
        .values(
            id=uuid.uuid4(),
            suggestion_id=suggestion.id,
            offset_days=due.offset,
            days_left=due.days_left,
            announced=due.announce,
            recorded_at=now,
        )
        .on_conflict_do_nothing(index_elements=["suggestion_id", "offset_days"])
        .returning(table.c.id)
    )
    return 0 if inserted is None else 1
