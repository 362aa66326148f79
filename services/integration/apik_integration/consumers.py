"""Integration's side of the event stream: a durable consumer of every event turning
each into a delivery per matching webhook subscription (`webhooks/`), and, when a
portal is connected, another turning them into the portal's sends (`portals/`).

The webhooks consumer's filter follows the active subscriptions (`filters`): the server
sends it only the types one asks for, so a backlog's drain costs it nothing. The
portals' and peers' consumers filter `apik.>`: their status maps name types too. The
dead letters other consumers publish on `apik.deadletter.>` are copies of events
already on the stream, so they are acknowledged unread.
Integration's own events (`complaint.pulled`, `portal.status_changed`, published by its
jobs through the outbox) come back here too: the first is withheld from webhooks, and
neither names a report the portals send.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from apik_integration.peers.service import enqueue_signals
from apik_integration.portals.service import enqueue_push
from apik_integration.settings import Settings
from apik_integration.webhooks.service import enqueue, enqueue_many, subscribed_types
from apik_shared.platform.events.consumer import ConsumerSpec
from apik_shared.platform.events.envelope import SUBJECT_ROOT, CloudEvent
from apik_shared.platform.events.filters import type_subjects
from apik_shared.platform.events.payloads import EVENT_TYPES

DURABLE = "integration-webhooks"
PORTALS_DURABLE = "integration-portals"
PEERS_DURABLE = "integration-peers"
EVERY_EVENT = f"{SUBJECT_ROOT}.>"
DEAD_LETTERS = f"{SUBJECT_ROOT}.deadletter."


def deliverable_types(settings: Settings) -> frozenset[str]:
    """The event types a subscription may ask for: every service's, less the withheld
    (the gateway's office and session events are the platform's own)."""
    return frozenset(EVENT_TYPES) - set(settings.webhook_withheld_types)


def webhooks_spec(settings: Settings) -> ConsumerSpec:
    deliverable = deliverable_types(settings)

    async def on_event(session: AsyncSession, event: CloudEvent) -> None:
        await enqueue(session, event, deliverable=deliverable, now=datetime.now(UTC))

    async def on_events(session: AsyncSession, events: Sequence[CloudEvent]) -> None:
        await enqueue_many(session, events, deliverable=deliverable, now=datetime.now(UTC))

    async def wanted(session: AsyncSession) -> set[str]:
        return await subscribed_types(session, deliverable=deliverable)

    async def filter_now(session: AsyncSession) -> list[str]:
        return type_subjects(await wanted(session))

    return ConsumerSpec(
        durable=DURABLE,
        subjects=[EVERY_EVENT],  # replaced by `subjects_now`
        # The server sends only the types some active subscription asks for; creating
        # or enabling one widens the filter before it commits (`filter_widener`).
        subjects_now=filter_now,
        handler=on_event,
        # A fetch's events in one read of the subscriptions and one insert: this consumer
        # sees every event, and after an outage thousands wait.
        batch_handler=on_events,
        batch=256,
        skip_prefixes=[DEAD_LETTERS],
        # The types no subscription asks for any more (the filter narrows within a
        # minute) are acked unread.
        wanted_types=wanted,
    )


def webhooks_durable(settings: Settings) -> str:
    """The webhooks consumer's name on the server (its group's, when it has one)."""
    return f"{settings.consumer_group}-{DURABLE}" if settings.consumer_group else DURABLE


def portals_spec(settings: Settings) -> ConsumerSpec:
    """The portals' sends (phase 1, push): a consumer of its own, so that a portal's
    trouble never holds the webhooks back, nor the other way round."""

    async def on_event(session: AsyncSession, event: CloudEvent) -> None:
        await enqueue_push(session, event, portals=settings.portals)

    return ConsumerSpec(
        durable=PORTALS_DURABLE,
        subjects=[EVERY_EVENT],
        handler=on_event,
        batch=128,
        skip_prefixes=[DEAD_LETTERS],
    )


def peers_spec(settings: Settings) -> ConsumerSpec:
    """The shared-case signals to peer deployments (`peers/`): a consumer of its own,
    so that a peer's trouble holds back neither the webhooks nor the portals."""

    async def on_event(session: AsyncSession, event: CloudEvent) -> None:
        await enqueue_signals(session, event, peers=settings.peers)

    return ConsumerSpec(
        durable=PEERS_DURABLE,
        subjects=[EVERY_EVENT],
        handler=on_event,
        batch=128,
        skip_prefixes=[DEAD_LETTERS],
    )


def consumers(settings: Settings) -> list[ConsumerSpec]:
    """Every consumer of the service, for `create_service_app(consumers=...)`."""
    specs = [webhooks_spec(settings)]
    if settings.portals:
        specs.append(portals_spec(settings))
    if settings.peers:
        specs.append(peers_spec(settings))
    return specs
