"""Phase 1, push: an office's reports sent to a portal, their follow-ups as the
portal's updates.

The consumer turns events into `portal_send` rows (one per portal and event: a
redelivery adds nothing). The push job locks a report's link `FOR UPDATE SKIP LOCKED`
(one replica per report at a time) and sends its due rows oldest first, the report
before any update; the first that fails stops the report's queue, so nothing overtakes
it. Each send carries its own id as the portal's idempotency key: a send repeated after
a crash (sent, not yet recorded) is recognised by the portal, not made twice.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime, timedelta

from sqlalchemy import exists
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_integration.models import PortalLink, PortalSend
from apik_integration.portals import rules
from apik_integration.portals.rules import SEND_STATUSES
from apik_integration.portals.service.adapter import (
    OutgoingReport,
    OutgoingUpdate,
    PortalAdapter,
    PortalRefused,
    PortalUnavailable,
)
from apik_integration.refusals import IntegrationConflict
from apik_integration.settings import PortalSettings
from apik_shared.platform.access import get_in_office
from apik_shared.platform.auth import Principal
from apik_shared.platform.events.envelope import CloudEvent
from apik_shared.platform.pagination import newest_first_page
from apik_shared.vocabulary.labels import named

ERROR_CHARS = 500


# The channel of reports intake registered from an office's old records (`imports/`).
IMPORTED = "imported"


async def enqueue_push(
    session: AsyncSession,
    event: CloudEvent,
    *,
    portals: Mapping[str, PortalSettings],
) -> int:
    """The sends an event makes, one per portal that hears of it."""
    office = event.data.get("office")
    number = event.data.get("registration_number")
    if not isinstance(office, str) or not isinstance(number, str):
        return 0
    made = 0
    for name, portal in portals.items():
        status_map = portal.status_map_for(office)
        if event.type == rules.REGISTERED and rules.pulled_from(event.data, name):
            # A complaint this portal assigned to us (phase 2): linked to its tracking
            # id for two-way sync, never pushed back as a new complaint.
            if office in portal.pull_offices or office in portal.two_way_offices:
                await _link_pulled(session, name, number, office, event)
            continue
        kind = rules.send_kind(event.type, status_map)
        if kind is None:
            continue
        if kind is rules.Kind.report:
            if office not in portal.push_offices:
                continue
            if event.data.get("channel") == IMPORTED:
                continue  # an office's history brought in: the portal never had it
            await session.execute(
                pg_insert(PortalLink)
                .values(
                    portal=name,
                    registration_number=number,
                    office=office,
                    report_id=event.data.get("report_id"),
                    created_at=event.time,
                )
                .on_conflict_do_nothing()
            )
            payload = rules.report_payload(event.data)
        else:
            # Only reports the portal was sent (an office switched on later sends the
            # follow-ups of its newer reports alone), or that it assigned to an office
            # with two-way sync switched on (phase 3).
            linked = await session.get(PortalLink, (name, number))
            if linked is None:
                continue
            if linked.origin == "pull" and office not in portal.two_way_offices:
                continue
            payload = rules.update_payload(
                event.type, event.data, status_map, event.time.isoformat()
            )
        inserted = await session.execute(
            pg_insert(PortalSend)
            .values(
                portal=name,
                registration_number=number,
                office=office,
                event_id=event.id,
                event_type=event.type,
                kind=kind.value,
                payload=payload,
                status="pending",
                attempts=0,
                next_attempt_at=event.time,
                # Stream order: a report's registration before its follow-ups.
                created_at=event.time,
            )
            .on_conflict_do_nothing(index_elements=["portal", "event_id"])
            .returning(col(PortalSend.id))
        )
        made += len(inserted.all())
    return made


async def _link_pulled(
    session: AsyncSession, portal: str, number: str, office: str, event: CloudEvent
) -> None:
    await session.execute(
        pg_insert(PortalLink)
        .values(
            portal=portal,
            registration_number=number,
            office=office,
            report_id=event.data.get("report_id"),
            external_id=str(event.data["external_id"]),
            origin="pull",
            created_at=event.time,
        )
        .on_conflict_do_nothing()
    )


def _failed(send: PortalSend, error: str, *, now: datetime, schedule: list[float]) -> None:
    send.attempts += 1
    send.last_error = error[:ERROR_CHARS]
    wait = rules.next_wait(send.attempts, schedule)
    if wait is None:
        send.status = "failed"
        send.next_attempt_at = None
    else:
        send.next_attempt_at = now + timedelta(seconds=wait)


async def _push_one(
    link: PortalLink,
    send: PortalSend,
    adapter: PortalAdapter,
    *,
    now: datetime,
    schedule: list[float],
) -> bool:
    """Sends one row; whether the report's queue may go on."""
    try:
        if send.kind == rules.Kind.report:
            if link.external_id is None:
                link.external_id = await adapter.push_report(
                    OutgoingReport(
                        send_id=str(send.id),
                        registration_number=send.registration_number,
                        office=send.office,
                        payload=send.payload,
                    )
                )
                link.pushed_at = now
        else:
            if link.external_id is None:
                return False  # the report is not at the portal yet: wait for it
            send.external_update_id = await adapter.push_update(
                OutgoingUpdate(
                    send_id=str(send.id), external_id=link.external_id, payload=send.payload
                )
            )
    except PortalUnavailable as exc:
        _failed(send, str(exc) or "unavailable", now=now, schedule=schedule)
        return False
    except PortalRefused as exc:
        send.attempts += 1
        send.status = "failed"
        send.next_attempt_at = None
        send.last_error = (str(exc) or "refused")[:ERROR_CHARS]
        # A refused update does not hold the next ones back; a refused report does.
        return send.kind == rules.Kind.update
    send.attempts += 1
    send.status = "sent"
    send.sent_at = now
    send.next_attempt_at = None
    send.last_error = None
    return True


async def push_due(
    *,
    session: AsyncSession,
    adapters: Mapping[str, PortalAdapter],
    schedule: list[float],
    batch: int,
    now: datetime,
) -> int:
    """Up to `batch` reports with something due, each locked and its queue sent in
    order. Returns how many reports were worked on."""
    due = exists().where(
        col(PortalSend.portal) == col(PortalLink.portal),
        col(PortalSend.registration_number) == col(PortalLink.registration_number),
        col(PortalSend.status) == "pending",
        col(PortalSend.next_attempt_at) <= now,
    )
    links = list(
        (
            await session.execute(
                select(PortalLink)
                .where(due, col(PortalLink.portal).in_(list(adapters)))
                .order_by(col(PortalLink.created_at))
                .limit(batch)
                .with_for_update(skip_locked=True)
            )
        ).scalars()
    )
    for link in links:
        queue = (
            await session.execute(
                select(PortalSend)
                .where(
                    PortalSend.portal == link.portal,
                    PortalSend.registration_number == link.registration_number,
                    PortalSend.status == "pending",
                )
                .order_by(col(PortalSend.created_at), col(PortalSend.id))
            )
        ).scalars()
        for send in queue:
            if send.next_attempt_at is not None and send.next_attempt_at > now:
                break  # waiting for its retry: the later ones wait behind it
            if not await _push_one(link, send, adapters[link.portal], now=now, schedule=schedule):
                break
    await session.flush()
    return len(links)


async def list_sends(
    *,
    session: AsyncSession,
    actor: Principal,
    portal: str | None,
    status: str | None,
    cursor: str | None,
    limit: int,
) -> tuple[list[PortalSend], str | None]:
    """The office's sends to portals, newest first; `status=failed` waits for a replay."""
    query = select(PortalSend).where(PortalSend.office == actor.office)
    if portal is not None:
        query = query.where(PortalSend.portal == portal)
    if status is not None:
        query = query.where(PortalSend.status == status)
    return await newest_first_page(
        session,
        query,
        timestamp=col(PortalSend.created_at),
        ident=col(PortalSend.id),
        cursor=cursor,
        limit=limit,
    )


async def get_send(
    *, session: AsyncSession, send_id: uuid.UUID, actor: Principal, for_update: bool = False
) -> PortalSend:
    return await get_in_office(
        session=session,
        model=PortalSend,
        ident=send_id,
        actor=actor,
        label="portal send",
        for_update=for_update,
    )


async def replay_send(*, session: AsyncSession, send: PortalSend, now: datetime) -> PortalSend:
    """A failed send queued again from the start of the schedule, in its report's order
    (its place is its event's time); the portal recognises it if it had it already."""
    if send.status != "failed":
        raise IntegrationConflict(
            f"Only a failed send is replayed; this one is {send.status}.",
            code="send_not_failed",
            params={"status": named(SEND_STATUSES, send.status)},
        )
    send.status = "pending"
    send.attempts = 0
    send.next_attempt_at = now
    send.last_error = None
    await session.flush()
    return send
