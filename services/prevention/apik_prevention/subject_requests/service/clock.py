"""The subject-requests job's work: requests still open at their deadline announced
once (`subject_request.overdue`), so a request the unit forgot reaches someone."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import tuple_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_prevention.models import SubjectRequest
from apik_prevention.subject_requests.rules import RequestStatus
from apik_shared.platform.events.payloads.prevention import SubjectRequestOverdue
from apik_shared.platform.events.publish import publish

Cursor = tuple[datetime, uuid.UUID]


async def announce_overdue(
    *, session: AsyncSession, now: datetime, batch: int, after: Cursor | None = None
) -> tuple[int, Cursor | None]:
    """One batch of open requests past their deadline and not yet announced: each is
    marked and announced in this transaction. Rows are claimed with SKIP LOCKED and the
    mark is re-read under the lock, so two replicas never both announce one. Returns
    (announced, the last row's key: None when the batch came back short)."""
    query = (
        select(SubjectRequest)
        .where(
            SubjectRequest.status == RequestStatus.received.value,
            col(SubjectRequest.due_at) <= now,
            col(SubjectRequest.overdue_announced_at).is_(None),
        )
        .order_by(col(SubjectRequest.due_at), col(SubjectRequest.id))
        .limit(batch)
        .with_for_update(skip_locked=True)
    )
    if after is not None:
        query = query.where(
            tuple_(col(SubjectRequest.due_at), col(SubjectRequest.id)) > tuple_(*after)
        )
    rows = list((await session.execute(query)).scalars())
    for row in rows:
        row.overdue_announced_at = now
        session.add(row)
        await publish(
            session,
            SubjectRequestOverdue(
                request_id=str(row.id),
                office=row.office,
                subject=row.subject,
                subject_id=str(row.subject_id),
                kind=row.kind,
                received_at=row.received_at,
                due_at=row.due_at,
                detected_at=now,
            ),
            subject=str(row.id),
        )
    await session.flush()
    if len(rows) < batch:
        return len(rows), None
    last = rows[-1]
    return len(rows), (last.due_at, last.id)
