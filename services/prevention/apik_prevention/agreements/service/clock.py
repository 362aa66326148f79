"""The agreements job's work: expiry, and the reminders before the end date."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import tuple_
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_prevention.agreements import rules
from apik_prevention.agreements.rules import AgreementStatus
from apik_prevention.agreements.service import announce_end, move
from apik_prevention.models import Agreement, AgreementReminder
from apik_shared.platform.events.payloads.prevention import AgreementExpiring
from apik_shared.platform.events.publish import publish
from apik_shared.platform.offices import office_calendars

Cursor = tuple[date, uuid.UUID]


async def run_clock(
    *,
    session: AsyncSession,
    thresholds: Sequence[int],
    now: datetime,
    batch: int,
    after: Cursor | None = None,
) -> tuple[int, int, Cursor | None]:
    """One batch of agreements in force that have ended or come within the widest
    threshold of their end: expired, or reminded once per threshold. Rows are claimed
    with SKIP LOCKED and a reminder is a unique row, so two replicas never both act.
    Returns (expired, reminders recorded, the last row's key: None when the batch came
    back short, i.e. nothing is left after it)."""
    widest = max(thresholds)
    # A day of margin either side of UTC: the office's own date decides below.
    horizon = now.date() + timedelta(days=widest + 1)
    rows = list(
        (
            await session.execute(
                select(Agreement)
                .where(
                    Agreement.status == AgreementStatus.active.value,
                    col(Agreement.ends_on) <= horizon,
                )
                .where(*_after(after))
                .order_by(col(Agreement.ends_on), col(Agreement.id))
                .limit(batch)
                .with_for_update(skip_locked=True)
            )
        ).scalars()
    )
    if not rows:
        return 0, 0, None
    calendars = await office_calendars(session, [r.office for r in rows])
    recorded = await _recorded(session, [r.id for r in rows])
    renewed = await _renewed_in_force(session, [r.id for r in rows])
    expired = reminded = 0
    for agreement in rows:
        today = calendars[agreement.office].local_date(now)
        if rules.is_expired(agreement.ends_on, today):
            move(agreement, AgreementStatus.expired, "system", on=today.isoformat())
            session.add(agreement)
            await announce_end(session, agreement, today)
            expired += 1
            continue
        if agreement.id in renewed:  # its renewal is in force: nothing to prepare
            continue
        for due in rules.due_reminders(
            ends_on=agreement.ends_on,
            today=today,
            thresholds=thresholds,
            recorded=recorded.get(agreement.id, set()),
        ):
            reminded += await _remind(session, agreement, due, now)
    await session.flush()
    last = rows[-1]
    return expired, reminded, ((last.ends_on, last.id) if len(rows) == batch else None)


def _after(cursor: Cursor | None) -> list[Any]:
    if cursor is None:
        return []
    return [tuple_(col(Agreement.ends_on), col(Agreement.id)) > tuple_(*cursor)]


async def _recorded(session: AsyncSession, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, set[int]]:
    rows = await session.execute(
        select(AgreementReminder.agreement_id, AgreementReminder.threshold).where(
            col(AgreementReminder.agreement_id).in_(ids)
        )
    )
    out: dict[uuid.UUID, set[int]] = {}
    for agreement_id, threshold in rows.all():
        out.setdefault(agreement_id, set()).add(threshold)
    return out


async def _renewed_in_force(session: AsyncSession, ids: Sequence[uuid.UUID]) -> set[uuid.UUID]:
    rows = await session.execute(
        select(Agreement.previous_id).where(
            col(Agreement.previous_id).in_(ids),
            Agreement.status == AgreementStatus.active.value,
        )
    )
    return {r for r in rows.scalars() if r is not None}


async def _remind(
    session: AsyncSession, agreement: Agreement, due: rules.Reminder, now: datetime
) -> int:
    """Records the reminder unless a replica already did; announces it if it is the one
    to announce. 1 when this call recorded it."""
    table = AgreementReminder.__table__  # type: ignore[attr-defined]
    inserted = await session.scalar(
        insert(table)
        .values(
            id=uuid.uuid4(),
            agreement_id=agreement.id,
            threshold=due.threshold,
            days_left=due.days_left,
            announced=due.announce,
            recorded_at=now,
        )
        .on_conflict_do_nothing(index_elements=["agreement_id", "threshold"])
        .returning(table.c.id)
    )
    if inserted is None:
        return 0
    if due.announce:
        await publish(
            session,
            AgreementExpiring(
                agreement_id=str(agreement.id),
                office=agreement.office,
                kind=agreement.kind,
                parent_id=str(agreement.parent_id) if agreement.parent_id else None,
                renewal=agreement.renewal,
                ends_on=agreement.ends_on,
                threshold_days=due.threshold,
                days_left=due.days_left,
            ),
            subject=str(agreement.id),
        )
    return 1
