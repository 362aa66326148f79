"""Phase 3, the portal's side: its verified webhooks (`inbound_update`) applied to the
reports it knows, FixMyStreet's way: deduplicated on the portal's update id, the
report's link locked, the status moved only by an update not older than its last
change; an older one, or one that changes nothing, kept as a note.

The job claims waiting webhooks `FOR UPDATE SKIP LOCKED` (replicas side by side), and
each is marked with what came of it. A webhook about a complaint we never sent waits
for phase 2 (pull), which will turn it into a report of intake's.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_integration.models import InboundUpdate, PortalLink, PortalStatusUpdate
from apik_integration.portals import rules


async def _apply(session: AsyncSession, row: InboundUpdate, update: rules.PortalUpdate) -> str:
    link = (
        await session.execute(
            select(PortalLink)
            .where(PortalLink.portal == row.portal, PortalLink.external_id == update.tracking_id)
            .with_for_update()
        )
    ).scalar_one_or_none()
    if link is None:
        return "unknown_report"
    effect = rules.judge_update(
        status=update.status,
        at=update.at,
        current=link.portal_status,
        last_change=link.portal_status_at,
    )
    stored = await session.execute(
        pg_insert(PortalStatusUpdate)
        .values(
            id=uuid.uuid4(),
            portal=row.portal,
            external_update_id=update.update_id,
            registration_number=link.registration_number,
            status=update.status,
            at=update.at,
            note=update.note,
            effect=effect.value,
        )
        .on_conflict_do_nothing(index_elements=["portal", "external_update_id"])
        .returning(col(PortalStatusUpdate.id))
    )
    if stored.first() is None:
        return "duplicate"
    if effect is rules.Effect.applied:
        link.portal_status = update.status
        link.portal_status_at = update.at
    return effect.value


async def apply_inbound(*, session: AsyncSession, batch: int, now: datetime) -> int:
    """Applies up to `batch` waiting webhooks, oldest first; returns how many."""
    rows = list(
        (
            await session.execute(
                select(InboundUpdate)
                .where(col(InboundUpdate.processed_at).is_(None))
                .order_by(col(InboundUpdate.received_at), col(InboundUpdate.id))
                .limit(batch)
                .with_for_update(skip_locked=True)
            )
        ).scalars()
    )
    for row in rows:
        update = rules.parse_portal_update(row.body)
        row.outcome = "unreadable" if update is None else await _apply(session, row, update)
        row.processed_at = now
    await session.flush()
    return len(rows)
