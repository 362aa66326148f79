"""Reporting's side of the event stream: one durable consumer of every event, the read
model's (`read_model/`). Reporting publishes nothing, so it has no outbox of its own.

One filter subject, `apik.>` (the read model counts every producer's events), so the
dead letters other consumers publish on `apik.deadletter.>` arrive too. They are copies of events
already on the stream, and our own would come back to us in a loop, so the consumer
acknowledges them unread.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from apik_reporting.read_model.service.projection import project, project_all
from apik_reporting.settings import Settings
from apik_shared.platform.events.consumer import ConsumerSpec
from apik_shared.platform.events.envelope import SUBJECT_ROOT, CloudEvent

DURABLE = "reporting-read-model"
EVERY_EVENT = f"{SUBJECT_ROOT}.>"
DEAD_LETTERS = f"{SUBJECT_ROOT}.deadletter."


def read_model_spec(settings: Settings) -> ConsumerSpec:
    """The firehose stays a plain `ConsumerSpec`, not handlers by payload class: the
    projection reads every event type by field name (`projection.Fields`), and its batch
    handler writes a whole fetch with bulk statements whatever the types mixed in it."""

    async def on_event(session: AsyncSession, event: CloudEvent) -> None:
        await project(session, event)

    async def on_events(session: AsyncSession, events: Sequence[CloudEvent]) -> None:
        await project_all(session, events)

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


def consumers(settings: Settings) -> list[ConsumerSpec]:
    """Every consumer of the service, for `create_service_app(consumers=...)`."""
    return [read_model_spec(settings)]


def inbox_name(settings: Settings) -> str:
    """The consumer's name in the inbox, which the rebuild shares with it."""
    return f"{settings.consumer_group}-{DURABLE}" if settings.consumer_group else DURABLE
