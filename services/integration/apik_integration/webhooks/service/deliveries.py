"""Deliveries: one row per event and matching subscription, created by the consumer of
the event stream; the lists (the dead letters among them) and the manual replay."""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from collections.abc import Collection, Sequence
from datetime import datetime

from sqlalchemy import String, any_, bindparam, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_integration.models import Delivery, Subscription
from apik_integration.refusals import IntegrationConflict
from apik_shared.platform.access import get_in_office
from apik_shared.platform.auth import Principal
from apik_shared.platform.events.envelope import CloudEvent
from apik_shared.platform.pagination import newest_first_page

# Ten columns a row: well under PostgreSQL's 32,767 parameters a statement.
_ROWS_PER_INSERT = 1000


def body_of(event: CloudEvent) -> str:
    """The webhook's body (Standard Webhooks' payload: type, timestamp, data), written
    once: every retry sends, and signs, the same bytes."""
    payload = {
        "type": event.type,
        "timestamp": event.time.isoformat(),
        "data": {"subject": event.subject, **event.data} if event.subject else event.data,
    }
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), default=str)


async def enqueue(
    session: AsyncSession, event: CloudEvent, *, deliverable: Collection[str], now: datetime
) -> int:
    """A pending delivery for each active subscription of the event's office to its type.
    A redelivered event adds nothing (unique event and subscription)."""
    return await enqueue_many(session, [event], deliverable=deliverable, now=now)


# Every type some active subscription asks for: one small read per fetched batch.
_SUBSCRIBED_TYPES = text(
    "SELECT DISTINCT jsonb_array_elements_text(event_types) FROM webhook_subscription "
    "WHERE status = 'active'"
)


async def subscribed_types(session: AsyncSession, *, deliverable: Collection[str]) -> set[str]:
    """The types a delivery could be made for now: asked of a batch before its
    envelopes are read, so an event no subscription wants (most of them, during a
    backlog's drain) costs the consumer no parse, no inbox row and no transaction. A
    subscription committed after this read gets the events handled after it, as when
    `enqueue_many` reads the subscriptions itself."""
    types = (await session.execute(_SUBSCRIBED_TYPES)).scalars()
    return {t for t in types if t in deliverable}


# Built once: this consumer sees every event, a lone one at low load, and building and
# keying the query anew for each cost more CPU than running it.
_ACTIVE_OF_OFFICES = select(Subscription.id, Subscription.office, Subscription.event_types).where(
    col(Subscription.office) == any_(bindparam("offices", type_=ARRAY(String))),
    Subscription.status == "active",
)


async def enqueue_many(
    session: AsyncSession,
    events: Sequence[CloudEvent],
    *,
    deliverable: Collection[str],
    now: datetime,
) -> int:
    """`enqueue` for a batch of events: one read of the active subscriptions of the
    batch's offices and one insert, not a read per event (the consumer of every event
    sees each event the platform publishes, and most match no subscription). Nothing at
    all when no event of the batch could be delivered."""
    wanted = [
        (event, office)
        for event in events
        if event.type in deliverable and isinstance(office := event.data.get("office"), str)
    ]
    if not wanted:
        return 0
    offices = sorted({office for _, office in wanted})
    subscriptions = (await session.execute(_ACTIVE_OF_OFFICES, {"offices": offices})).all()
    by_office: dict[str, list[tuple[uuid.UUID, set[str]]]] = defaultdict(list)
    for subscription_id, office, event_types in subscriptions:
        by_office[office].append((subscription_id, set(event_types)))
    rows = [
        {
            "id": uuid.uuid4(),
            "subscription_id": subscription_id,
            "office": office,
            "event_id": event.id,
            "event_type": event.type,
            "body": body_of(event),
            "status": "pending",
            "attempts": 0,
            "next_attempt_at": now,
            "created_at": now,
        }
        for event, office in wanted
        for subscription_id, types in by_office.get(office, [])
        if event.type in types
    ]
    inserted = 0
    for start in range(0, len(rows), _ROWS_PER_INSERT):
        result = await session.execute(
            pg_insert(Delivery)
            .values(rows[start : start + _ROWS_PER_INSERT])
            .on_conflict_do_nothing(index_elements=["event_id", "subscription_id"])
            .returning(col(Delivery.id))
        )
        inserted += len(result.all())
    return inserted


async def list_deliveries(
    *,
    session: AsyncSession,
    actor: Principal,
    status: str | None,
    subscription_id: uuid.UUID | None,
    cursor: str | None,
    limit: int,
) -> tuple[list[Delivery], str | None]:
    """The office's deliveries, newest first; `status=failed` is the dead-letter list."""
    query = select(Delivery).where(Delivery.office == actor.office)
    if status is not None:
        query = query.where(Delivery.status == status)
    if subscription_id is not None:
        query = query.where(Delivery.subscription_id == subscription_id)
    return await newest_first_page(
        session,
        query,
        timestamp=col(Delivery.created_at),
        ident=col(Delivery.id),
        cursor=cursor,
        limit=limit,
    )


async def get_delivery(
    *, session: AsyncSession, delivery_id: uuid.UUID, actor: Principal, for_update: bool = False
) -> Delivery:
    return await get_in_office(
        session=session,
        model=Delivery,
        ident=delivery_id,
        actor=actor,
        label="delivery",
        for_update=for_update,
    )


async def replay(*, session: AsyncSession, delivery: Delivery, now: datetime) -> Delivery:
    """Sends a dead-lettered (or delivered) delivery again from the start of the
    schedule, with the same `webhook-id`: a receiver that had it already drops it."""
    if delivery.status == "pending":
        raise IntegrationConflict(
            "The delivery is still being sent; it needs no replay.", code="delivery_pending"
        )
    subscription = await session.get(Subscription, delivery.subscription_id)
    if subscription is None or subscription.status != "active":
        raise IntegrationConflict(
            "The subscription is disabled: enable it first, then replay.",
            code="subscription_disabled",
        )
    delivery.status = "pending"
    delivery.attempts = 0
    delivery.next_attempt_at = now
    delivery.last_error = None
    await session.flush()
    return delivery
