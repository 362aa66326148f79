"""Reporting's side of the event stream: one durable consumer of every event.

One filter subject, `apik.>` (NATS 2.9 takes one per consumer), so the dead letters
other consumers publish on `apik.deadletter.>` arrive too. They are copies of events
already on the stream, and our own would come back to us in a loop, so the consumer
acknowledges them unread.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from apik_reporting.projection import project, project_all
from apik_reporting.settings import Settings
from apik_shared.events.consumer import ConsumerSpec
from apik_shared.events.envelope import SUBJECT_ROOT, CloudEvent
from apik_shared.events.outbox import Outbox

outbox = Outbox("reporting")  # reporting publishes nothing; the bus wants one
DURABLE = "reporting-read-model"
EVERY_EVENT = f"{SUBJECT_ROOT}.>"
DEAD_LETTERS = f"{SUBJECT_ROOT}.deadletter."


def read_model_spec(settings: Settings) -> ConsumerSpec:
    async def on_event(session: AsyncSession, event: CloudEvent) -> None:
        await project(session, event, settings)

    async def on_events(session: AsyncSession, events: Sequence[CloudEvent]) -> None:
        await project_all(session, events, settings)

    return ConsumerSpec(
        durable=DURABLE,
        subjects=[EVERY_EVENT],
        handler=on_event,
        batch_handler=on_events,
        # A backlog (after an outage, or every handoff's two events) costs a transaction
        # and a statement per shape per batch: the bigger the batch, the fewer.
        batch=256,
        skip_prefixes=[DEAD_LETTERS],
    )


def inbox_name(settings: Settings) -> str:
    """The consumer's name in the inbox, which the rebuild shares with it."""
    return f"{settings.consumer_group}-{DURABLE}" if settings.consumer_group else DURABLE
