"""Phase 3, the portal's side: its verified webhooks (`inbound_update`) applied to the
reports it knows, FixMyStreet's way: deduplicated on the portal's update id, the
report's link locked, the status moved only by an update not older than its last
change; an older one, or one that changes nothing, kept as a note.

The job claims waiting webhooks `FOR UPDATE SKIP LOCKED` (replicas side by side), and
each is marked with what came of it. A `complaint.assigned` webhook (phase 2, pull)
names a complaint the portal assigned to an office: it is fetched and recorded by
`pull.pull_named` (once; polling finds it if the portal is away).

Phase 3, two-way: for an office switched on, each new update of a linked report is
announced to intake (`portal.status_changed`) with FixMyStreet's judgement and the step
the office's status map makes of it; intake applies it if its state machine allows,
otherwise keeps a note.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import or_
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_integration.models import (
    InboundUpdate,
    PortalLink,
    PortalStatusUpdate,
    PulledComplaint,
)
from apik_integration.portals import rules
from apik_integration.portals.service.adapter import PortalAdapter
from apik_integration.portals.service.pull import pull_named
from apik_integration.settings import PortalSettings
from apik_shared.platform.crypto import FieldCipher
from apik_shared.platform.events.payloads.integration import PortalStatusChanged
from apik_shared.platform.events.publish import publish

WAITING = "waiting_for_report"
# How often, and how long, an update waits for its pulled complaint's report.
WAIT_RETRY = timedelta(seconds=5)
WAIT_AT_MOST = timedelta(days=1)


@dataclass(frozen=True)
class Portals:
    """What applying a portal's webhooks needs: its settings, its adapter (to fetch an
    assigned complaint) and the transfer keyring (to seal it for intake)."""

    settings: Mapping[str, PortalSettings] = field(default_factory=dict)
    adapters: Mapping[str, PortalAdapter] = field(default_factory=dict)
    transfer: FieldCipher | None = None


async def _announce(
    session: AsyncSession,
    link: PortalLink,
    update: rules.PortalUpdate,
    effect: rules.Effect,
    portal: PortalSettings | None,
) -> None:
    """Phase 3: the portal's update told to intake, when the office is switched on."""
    if portal is None or link.office not in portal.two_way_offices:
        return
    await publish(
        session,
        PortalStatusChanged(
            portal=link.portal,
            external_id=update.tracking_id,
            update_id=update.update_id,
            office=link.office,
            registration_number=link.registration_number,
            report_id=link.report_id,
            portal_status=update.status,
            effect=effect.value,
            apik_step=rules.status_step(
                effect=effect,
                status=update.status,
                inbound_map=portal.inbound_map_for(link.office),
            ),
            at=update.at,
        ),
        subject=link.report_id or link.registration_number,
    )


async def _apply(
    session: AsyncSession,
    row: InboundUpdate,
    update: rules.PortalUpdate,
    portal: PortalSettings | None = None,
) -> str:
    link = (
        await session.execute(
            select(PortalLink)
            .where(PortalLink.portal == row.portal, PortalLink.external_id == update.tracking_id)
            .with_for_update()
        )
    ).scalar_one_or_none()
    if link is None:
        # A complaint we pulled whose report intake has not registered (and linked) yet:
        # the update waits for it rather than being lost.
        pulled = await session.execute(
            select(PulledComplaint.id).where(
                PulledComplaint.portal == row.portal,
                PulledComplaint.external_id == update.tracking_id,
            )
        )
        return WAITING if pulled.first() is not None else "unknown_report"
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
    await _announce(session, link, update, effect, portal)
    return effect.value


async def _assigned(
    session: AsyncSession, row: InboundUpdate, tracking_id: str, portals: Portals, now: datetime
) -> str:
    settings = portals.settings.get(row.portal)
    adapter = portals.adapters.get(row.portal)
    if settings is None or adapter is None or portals.transfer is None:
        return "not_switched_on"
    return await pull_named(
        session=session,
        portal=row.portal,
        settings=settings,
        adapter=adapter,
        tracking_id=tracking_id,
        transfer=portals.transfer,
        now=now,
    )


async def _outcome(
    session: AsyncSession, row: InboundUpdate, portals: Portals, now: datetime
) -> str:
    tracking_id = rules.parse_assigned(row.body)
    if tracking_id is not None:
        return await _assigned(session, row, tracking_id, portals, now)
    update = rules.parse_portal_update(row.body)
    if update is None:
        return "unreadable"
    return await _apply(session, row, update, portals.settings.get(row.portal))


async def apply_inbound(
    *, session: AsyncSession, batch: int, now: datetime, portals: Portals | None = None
) -> int:
    """Applies up to `batch` waiting webhooks, oldest first; returns how many."""
    rows = list(
        (
            await session.execute(
                select(InboundUpdate)
                .where(
                    col(InboundUpdate.processed_at).is_(None),
                    or_(col(InboundUpdate.retry_at).is_(None), col(InboundUpdate.retry_at) <= now),
                )
                .order_by(col(InboundUpdate.received_at), col(InboundUpdate.id))
                .limit(batch)
                .with_for_update(skip_locked=True)
            )
        ).scalars()
    )
    for row in rows:
        row.outcome = await _outcome(session, row, portals or Portals(), now)
        if row.outcome == WAITING and now - row.received_at < WAIT_AT_MOST:
            row.retry_at = now + WAIT_RETRY
            continue
        if row.outcome == WAITING:
            row.outcome = "unknown_report"  # no report came of it in a day
        row.processed_at = now
    await session.flush()
    return len(rows)
