"""The event pipeline on `/metrics`: outbox backlog, relay latency, consumers, dead letters.

What a request cannot show: how far behind the outbox is, how long JetStream takes to
acknowledge, how much each consumer has not yet handled or had to be given again, and
what was given up on. The relay observes its own publishes as they happen; the rest is
sampled every `APIK_METRICS_SAMPLE_SECONDS` (15) by one task per process
(`PipelineSampler`), never per request or per scrape: two small queries on the service's
database and one consumer-info request per consumer.

Every replica of a service samples the same outbox, stream and table, so a dashboard
takes `max by (service)` of the sampled series and sums only the relay's own counters.
The series are labelled with the service (and the consumer's durable name) because the
test suite runs several services in one process, under one registry.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence

from nats.aio.client import Client
from prometheus_client import Counter, Gauge, Histogram
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from apik_shared.platform.events.envelope import STREAM_NAME

log = logging.getLogger("apik.metrics")

OUTBOX_BACKLOG = Gauge(
    "apik_outbox_backlog", "Outbox rows not yet published to the stream", ["service"]
)
OUTBOX_OLDEST = Gauge(
    "apik_outbox_oldest_unsent_seconds",
    "Age of the oldest outbox row not yet published (0 when there is none)",
    ["service"],
)
RELAY_PUBLISH = Histogram(
    "apik_relay_publish_seconds",
    "A relay batch, from its first publish to its last acknowledgement from JetStream",
    ["service", "path"],  # path: direct (right after a commit) or poll (the table)
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5),
)
RELAY_EVENTS = Counter(
    "apik_relay_events_total",
    "Events the relay tried to publish, by outcome (sent, failed: left for the next pass)",
    ["service", "outcome"],
)
CONSUMER_PENDING = Gauge(
    "apik_consumer_pending",
    "Events on the stream a durable consumer has not been given yet",
    ["service", "consumer"],
)
CONSUMER_ACK_PENDING = Gauge(
    "apik_consumer_ack_pending",
    "Events given to a durable consumer and not yet acknowledged",
    ["service", "consumer"],
)
CONSUMER_REDELIVERED = Gauge(
    "apik_consumer_redelivered",
    "Events given to a durable consumer more than once and not yet acknowledged",
    ["service", "consumer"],
)
DEAD_LETTERS = Gauge(
    "apik_dead_letters",
    "Events a consumer gave up on, kept in the service's dead_letter table",
    ["service", "consumer"],
)
SAMPLED_AT = Gauge(
    "apik_pipeline_sampled_timestamp_seconds",
    "When the pipeline's gauges were last sampled (Unix time)",
    ["service"],
)

_OUTBOX = text(
    "SELECT count(*), coalesce(extract(epoch FROM now() - min(created_at)), 0) "
    "FROM outbox WHERE sent_at IS NULL"
)
_DEAD = text("SELECT consumer, count(*) FROM dead_letter GROUP BY consumer")


class PipelineSampler:
    """Sets the pipeline's gauges for one service: `sample()` once, `run()` for good."""

    def __init__(
        self,
        *,
        service: str,
        sessions: async_sessionmaker[AsyncSession],
        durables: Sequence[str],
        connection: Callable[[], Client | None],
        every: float = 15.0,
    ) -> None:
        self.service = service
        self._sessions = sessions
        self._durables = list(durables)
        self._connection = connection  # None while NATS is away: consumers are not sampled
        self._every = every

    async def run(self) -> None:
        while True:
            try:
                await self.sample()
            except asyncio.CancelledError:
                raise
            except Exception:  # the database or NATS away: the gauges keep their last values
                log.debug("pipeline metrics not sampled this turn", exc_info=True)
            await asyncio.sleep(self._every)

    async def sample(self) -> None:
        await self.sample_database()
        await self.sample_consumers()
        SAMPLED_AT.labels(self.service).set_to_current_time()

    async def sample_database(self) -> None:
        async with self._sessions() as session:
            backlog, oldest = (await session.execute(_OUTBOX)).one()
            dead = {row[0]: row[1] for row in await session.execute(_DEAD)}
        OUTBOX_BACKLOG.labels(self.service).set(backlog)
        OUTBOX_OLDEST.labels(self.service).set(float(oldest))
        for durable in {*self._durables, *dead}:
            DEAD_LETTERS.labels(self.service, durable).set(dead.get(durable, 0))

    async def sample_consumers(self) -> None:
        nc = self._connection()
        if nc is None or not nc.is_connected or not self._durables:
            return
        js = nc.jetstream()
        for durable in self._durables:
            try:
                info = await js.consumer_info(STREAM_NAME, durable, timeout=2)
            except Exception:  # not created yet (its task starts alongside), or NATS busy
                log.debug("no info for consumer %s", durable, exc_info=True)
                continue
            CONSUMER_PENDING.labels(self.service, durable).set(info.num_pending or 0)
            CONSUMER_ACK_PENDING.labels(self.service, durable).set(info.num_ack_pending or 0)
            CONSUMER_REDELIVERED.labels(self.service, durable).set(info.num_redelivered or 0)


def observe_publish(service: str, path: str, seconds: float, sent: int, failed: int) -> None:
    """One relay batch: how long its acknowledgements took, and how many events went."""
    RELAY_PUBLISH.labels(service, path).observe(seconds)
    if sent:
        RELAY_EVENTS.labels(service, "sent").inc(sent)
    if failed:
        RELAY_EVENTS.labels(service, "failed").inc(failed)
