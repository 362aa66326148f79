"""Idempotent JetStream consumers.

A durable pull consumer with explicit ack. An event's effect and an `inbox` row
(consumer, event id) commit in one transaction, so a redelivery finds the row and
changes nothing. The events of a fetched batch are first applied together, in one
transaction (one inbox statement, one commit, and one bulk call when the spec has a
`batch_handler`); if that fails, the batch is applied again one event per transaction,
so the failing event alone is retried with backoff (`nak(delay)`) and, on its last
delivery, goes to a dead-letter subject and a `dead_letter` row. The database being
unreachable is no fault of the event: its messages are held until it answers, spending
none of their deliveries (`_despite_outages`).
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable, Collection, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from nats.aio.client import Client
from nats.aio.msg import Msg
from nats.js import JetStreamContext, api
from nats.js.errors import APIError
from sqlalchemy import insert, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from apik_shared.platform.db import is_connection_error
from apik_shared.platform.events.envelope import (
    STREAM_NAME,
    CloudEvent,
    InvalidEnvelope,
    dead_letter_subject,
    event_type_of,
)
from apik_shared.platform.events.filters import NOTHING, filters_of, hold_lock, with_filter
from apik_shared.platform.events.puller import Puller, deliveries
from apik_shared.platform.logs import traceparent_var
from apik_shared.platform.tables import dead_letter
from apik_shared.platform.tracing import Span, SpanKind, Tracer, child_traceparent, end

log = logging.getLogger("apik.consumer")
Handler = Callable[[AsyncSession, CloudEvent], Awaitable[None]]
# Applies several events, in stream order, in the caller's transaction.
BatchHandler = Callable[[AsyncSession, Sequence[CloudEvent]], Awaitable[None]]
# The event types a consumer has anything to do with right now (`wanted_types`).
WantedTypes = Callable[[AsyncSession], Awaitable[Collection[str]]]
# A message's envelope from its subject and bytes; raises InvalidEnvelope.
Decoder = Callable[[str, bytes], CloudEvent]
# The filter rows ask for now (`ConsumerSpec.subjects_now`), read under the durable's
# filter lock (`filters`).
SubjectsNow = Callable[[AsyncSession], Awaitable[Collection[str]]]


def read_envelope(subject: str, raw: bytes) -> CloudEvent:
    """The envelope alone, its `data` a dict: for consumers that read any event type."""
    return CloudEvent.from_json(raw)


@dataclass(frozen=True)
class ConsumerSpec:
    durable: str  # unique per service and purpose, e.g. "examination-handoff"
    subjects: Sequence[str]  # e.g. ["apik.intake.report.verified"]
    handler: Handler
    max_deliver: int = 5
    backoff: Sequence[float] = (1, 5, 30, 120)  # seconds before each retry
    batch: int = 64
    concurrency: int = 8  # events handled at once one by one (each holds a connection)
    # The same effect as `handler` for many events at once, with bulk statements. Without
    # it a batch's transaction calls `handler` for each event in turn.
    batch_handler: BatchHandler | None = None
    # Batches applied at once, each by its own subscription. Above 1 only for events
    # whose order does not matter (e.g. one event per aggregate, like a handoff).
    parallel_batches: int = 1
    # Subjects the filter lets through but the handler must not see (acked unread), e.g.
    # a consumer of `apik.>` skipping `apik.deadletter.`, which would otherwise loop.
    skip_prefixes: Sequence[str] = ()
    # The subjects the handlers take, when a message of another may still come: a
    # wildcard filter, or one an older, wider filter delivered before the consumer was
    # narrowed (`ensure`). The others are acked unread, with no inbox row and no
    # transaction. Empty: every subject the filter lets through is handled.
    only_subjects: frozenset[str] = frozenset()
    # Reads a message's envelope (`handlers.consumer` reads it with its payload class
    # in the same pass).
    decode: Decoder = read_envelope
    # Asked once per fetched batch, in a session of its own: the event types worth a
    # transaction now (a firehose whose effect depends on rows, e.g. the webhook
    # subscriptions' types). A message of another type is acked unread: no envelope
    # read, no inbox row, no transaction, as if handled and found to change nothing.
    # None: every type the filter lets through.
    wanted_types: WantedTypes | None = None
    # A filter that follows rows instead of `subjects` (which it replaces): read at the
    # consumer's set-up and every `refilter_seconds` after, under the durable's filter
    # lock, which whatever commits rows asking for more holds while it widens the
    # filter first (`filters.widen`). None: `subjects`, fixed.
    subjects_now: SubjectsNow | None = None
    refilter_seconds: float = 60.0

    def retry_delay(self, delivered: int) -> float:
        return self.backoff[min(delivered - 1, len(self.backoff) - 1)]

    def config(
        self,
        durable: str,
        *,
        ack_wait: float,
        start_time: datetime | None = None,
        subjects: Collection[str] = (),
    ) -> api.ConsumerConfig:
        config = api.ConsumerConfig(
            durable_name=durable,
            ack_policy=api.AckPolicy.EXPLICIT,
            deliver_policy=(
                api.DeliverPolicy.BY_START_TIME if start_time else api.DeliverPolicy.ALL
            ),
            opt_start_time=start_time,
            max_deliver=self.max_deliver,
            ack_wait=ack_wait,
        )
        return with_filter(config, subjects or self.subjects)


# How long a fetch waits for messages; also how soon a consumer notices that the server
# came back after an outage (the pull request waiting then was lost with the connection).
FETCH_SECONDS = 1.0

# How often a consumer holding a message through a database outage tries again
# (`Consumer._despite_outages`); each attempt also waits for the connection's timeout.
OUTAGE_RETRY_SECONDS = 1.0

# One statement for a whole batch's inbox rows, whatever its size (one prepared plan).
_CLAIM = text(
    "INSERT INTO inbox (consumer, event_id, event_type) "
    "SELECT :consumer, id, type FROM unnest(CAST(:ids AS text[]), CAST(:types AS text[])) "
    "AS batch(id, type) ON CONFLICT DO NOTHING RETURNING event_id"
)


def _aggregate_of(msg: Msg) -> str:
    """The CloudEvent subject (the aggregate's id); unreadable messages get a lane each."""
    try:
        subject = json.loads(msg.data).get("subject")
    except (ValueError, AttributeError):
        subject = None
    return str(subject) if subject else f"#{id(msg)}"


class Consumer:
    def __init__(
        self,
        spec: ConsumerSpec,
        *,
        service: str,
        sessions: async_sessionmaker[AsyncSession],
        group: str = "",
        ack_wait: float = 30,
        start_time: datetime | None = None,
        tracer: Tracer | None = None,
    ) -> None:
        self.spec = spec
        self.tracer = tracer or Tracer(service)  # off unless given one that exports
        self.service = service
        # Replicas of one deployment share the durable and split the work; another
        # deployment on the same NATS server (a test run, a staging copy) names its own group.
        self.durable = f"{group}-{spec.durable}" if group else spec.durable
        self.ack_wait = ack_wait
        # Where a consumer created for the first time starts; None: the stream's beginning.
        self.start_time = start_time
        self._sessions = sessions
        self._skip = tuple(spec.skip_prefixes)
        self._only = spec.only_subjects
        self._pullers: list[Puller] = []
        self._refilter_at = 0.0  # when a filter that follows rows is read again

    def reconnected(self) -> None:
        """The connection is back: pull requests waiting when it dropped are lost, so
        each puller asks again now instead of after its fetch's wait."""
        for puller in self._pullers:
            puller.interrupt()

    async def ensure(self, js: JetStreamContext) -> None:
        """Creates the durable consumer, or brings an existing one to the spec's config.
        A server refusing part of the change (the start of delivery cannot change) gets
        the filter alone: the consumer keeps its acked position, so nothing it acked
        comes again and nothing after it is skipped. A filter that follows rows is read
        and set under its lock (`filters`)."""
        if self.spec.subjects_now is None:
            await self._ensure(js, self.spec.subjects)
            return
        async with self._sessions() as session, session.begin():
            await hold_lock(session, self.durable)
            await self._ensure(js, await self._subjects_now(session))
        self._refilter_at = time.monotonic() + self.spec.refilter_seconds

    async def _subjects_now(self, session: AsyncSession) -> list[str]:
        assert self.spec.subjects_now is not None
        return sorted(await self.spec.subjects_now(session)) or [NOTHING]

    async def refilter(self, js: JetStreamContext) -> None:
        """The filter set again to what the rows ask for now: narrower, when rows asking
        for some types went since (wider is `filters.widen`'s, before they commit)."""
        async with self._sessions() as session, session.begin():
            await hold_lock(session, self.durable)
            subjects = await self._subjects_now(session)
            info = await js.consumer_info(STREAM_NAME, self.durable)
            if filters_of(info.config) != set(subjects):
                log.info("consumer %s: filter now %s", self.durable, subjects)
                await js.add_consumer(STREAM_NAME, config=with_filter(info.config, subjects))
        self._refilter_at = time.monotonic() + self.spec.refilter_seconds

    async def _ensure(self, js: JetStreamContext, subjects: Collection[str]) -> None:
        wanted = self.spec.config(
            self.durable, ack_wait=self.ack_wait, start_time=self.start_time, subjects=subjects
        )
        try:
            info = await js.add_consumer(STREAM_NAME, config=wanted)
        except APIError as exc:  # 400 or 500 (10012: "deliver policy can not be updated")
            info = await js.consumer_info(STREAM_NAME, self.durable)
            if filters_of(info.config) != filters_of(wanted):
                log.info("consumer %s: %s; changing its filter alone", self.durable, exc)
                info = await js.add_consumer(
                    STREAM_NAME,
                    config=replace(
                        info.config,
                        filter_subject=wanted.filter_subject,
                        filter_subjects=wanted.filter_subjects,
                    ),
                )
            else:
                log.warning("consumer %s kept its old config: %s", self.durable, exc)
        if filters_of(info.config) != filters_of(wanted):  # a server that ignored the list
            raise RuntimeError(
                f"consumer {self.durable} filters {sorted(filters_of(info.config))}, not "
                f"{sorted(filters_of(wanted))}: several subjects per consumer need NATS 2.10 "
                "or newer"
            )

    async def run(self, connection: Callable[[], Awaitable[Client]]) -> None:
        while True:
            try:
                nc = await connection()
                js = nc.jetstream()
                await self.ensure(js)
                pullers = [
                    Puller(
                        nc,
                        stream=STREAM_NAME,
                        durable=self.durable,
                        batch=self.spec.batch,
                        wait=FETCH_SECONDS,
                    )
                    for _ in range(self.spec.parallel_batches)
                ]
                self._pullers = pullers
                await asyncio.gather(*(self._consume(puller, js) for puller in pullers))
            except asyncio.CancelledError:
                raise
            except Exception:
                log.warning("consumer %s interrupted; resubscribing", self.durable, exc_info=True)
                await asyncio.sleep(1)

    async def _consume(self, puller: Puller, js: JetStreamContext) -> None:
        async with puller:
            while True:
                messages = await puller.fetch()
                if messages:
                    await self.handle_batch(messages, js)
                if self.spec.subjects_now is not None and time.monotonic() >= self._refilter_at:
                    await self.refilter(js)

    async def handle_batch(self, messages: list[Msg], js: JetStreamContext) -> None:
        """First deliveries are applied together in one transaction; redeliveries (most
        likely the events that failed before) and a batch that fails go one by one."""
        if self.spec.wanted_types is not None:
            messages = await self._drop_unwanted(messages)
        first: list[Msg] = []
        again: list[Msg] = []
        for msg in messages:
            (first if deliveries(msg) == 1 else again).append(msg)
        if len(first) > 1 and await self._apply_together(first, js):
            first = []
        if first or again:
            await self.handle_each(first + again, js)

    async def _drop_unwanted(self, messages: list[Msg]) -> list[Msg]:
        """Acks, unread, the messages of types the consumer wants nothing of now."""
        assert self.spec.wanted_types is not None
        wanted: Collection[str] = ()

        async def read() -> None:
            nonlocal wanted
            assert self.spec.wanted_types is not None
            async with self._sessions() as session:
                # One read, no transaction around it: BEGIN and ROLLBACK were two of its
                # three round trips, for every fetched batch (small ones while the
                # consumer keeps pace with the stream).
                await session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
                wanted = await self.spec.wanted_types(session)

        await self._despite_outages(messages, read)
        kept = []
        for msg in messages:
            if event_type_of(msg.subject) in wanted:
                kept.append(msg)
            else:
                await msg.ack()
        return kept

    async def handle_each(self, messages: list[Msg], js: JetStreamContext) -> None:
        """Events about different aggregates are handled side by side, so their commits
        share the disk's flushes; events about one aggregate keep their order."""
        if len(messages) == 1:
            # A lone event (a handoff at low load): no lane to find, so its envelope is
            # not read twice and no task stands between its arrival and its transaction.
            await self.handle(messages[0], js)
            return
        lanes: dict[str, list[Msg]] = defaultdict(list)
        for msg in messages:
            lanes[_aggregate_of(msg)].append(msg)
        slots = asyncio.Semaphore(self.spec.concurrency)

        async def lane(queue: list[Msg]) -> None:
            for msg in queue:
                async with slots:
                    await self.handle(msg, js)

        await asyncio.gather(*(lane(queue) for queue in lanes.values()))

    async def _apply_together(self, messages: list[Msg], js: JetStreamContext) -> bool:
        """Applies the batch in one transaction and acks it; False (nothing applied, nothing
        acked) when any event failed, for the caller to go one by one."""
        events: list[CloudEvent] = []
        for msg in messages:
            if self._ignored(msg):
                continue
            try:
                events.append(self.spec.decode(msg.subject, msg.data))
            except InvalidEnvelope:
                return False  # the one-by-one path dead-letters it
        if not events:  # nothing this consumer applies: no transaction
            for msg in messages:
                await msg.ack()
            return True
        try:
            async with self._sessions() as session, session.begin():
                fresh = await self._claim(session, events)
                if fresh and self.spec.batch_handler is not None:
                    # One span per event, each in its own trace: the batch is many hops.
                    # The handler sees each event under its span, so what it emits for
                    # an event continues that span.
                    spans: list[Span | None] = []
                    if self.tracer.enabled:
                        traced = [(event, *self._span(event)) for event in fresh]
                        spans = [span for _, _, span in traced]
                        fresh = [
                            event.model_copy(update={"traceparent": traceparent})
                            for event, traceparent, _ in traced
                        ]
                    try:
                        await self.spec.batch_handler(session, fresh)
                    except Exception as exc:
                        for span in spans:
                            end(span, error=repr(exc))
                        raise
                    for span in spans:
                        end(span)
                else:
                    for event in fresh:
                        await self._run_handler(session, event)
                        # The next handler sees this one's rows and loads them afresh,
                        # as it would in a transaction of its own.
                        await session.flush()
                        session.expunge_all()
        except Exception:
            log.info(
                "consumer %s: a batch of %d failed; applying it event by event",
                self.durable,
                len(messages),
                exc_info=True,
            )
            return False
        for msg in messages:  # each ack only queues a few bytes: no task per message
            await msg.ack()
        return True

    async def _claim(self, session: AsyncSession, events: list[CloudEvent]) -> list[CloudEvent]:
        """Inserts the batch's inbox rows; the events not applied before, in order."""
        if not events:
            return []
        claimed = await session.execute(
            _CLAIM,
            {
                "consumer": self.durable,
                "ids": [e.id for e in events],
                "types": [e.type for e in events],
            },
        )
        new = set(claimed.scalars())
        fresh = []
        for event in events:
            if event.id in new:
                new.discard(event.id)  # the same event twice in one batch: applied once
                fresh.append(event)
        return fresh

    def _ignored(self, msg: Msg) -> bool:
        """Let through by the filter, but nothing this consumer applies: acked unread."""
        if self._skip and msg.subject.startswith(self._skip):
            return True
        return bool(self._only) and msg.subject not in self._only

    async def handle(self, msg: Msg, js: JetStreamContext) -> None:
        if self._ignored(msg):
            await msg.ack()
            return
        delivered = deliveries(msg)
        try:
            event = self.spec.decode(msg.subject, msg.data)
        except InvalidEnvelope as exc:
            await self._dead_letter(js, msg, None, delivered, f"invalid envelope: {exc}")
            return
        try:
            await self._despite_outages([msg], lambda: self._apply(event))
        except Exception as exc:
            if delivered >= self.spec.max_deliver:
                await self._dead_letter(js, msg, event, delivered, repr(exc))
                return
            log.warning(
                "consumer %s: event %s failed (delivery %d); retrying",
                self.durable,
                event.id,
                delivered,
                exc_info=True,
                extra={"event_id": event.id, "event_type": event.type},
            )
            await msg.nak(delay=self.spec.retry_delay(delivered))
            return
        await msg.ack()

    async def _despite_outages(
        self, messages: Sequence[Msg], work: Callable[[], Awaitable[None]]
    ) -> None:
        """`work` for `messages`, tried again until the database answers. An outage is
        not the events' fault, so it spends none of their deliveries: the messages are
        held (`in_progress` keeps the server from sending them again) rather than nak'd
        or left to their ack timeout. Spent, an outage longer than the retry schedule
        ran through all of them, and the last one's dead letter could not be written
        either: the server delivered the event no more, applied nowhere and recorded
        nowhere. (A handler that itself kills the database's connections would be held
        too, never dead-lettered: the price of telling outages from bad events by the
        error alone.)"""
        level = logging.WARNING  # once per hold; every lane retries each second
        while True:
            try:
                await work()
                return
            except Exception as exc:
                if not is_connection_error(exc):
                    raise
                log.log(
                    level,
                    "consumer %s: the database is unavailable (%s); holding %d message(s)",
                    self.durable,
                    exc,
                    len(messages),
                )
                level = logging.DEBUG
            for msg in messages:
                await msg.in_progress()
            await asyncio.sleep(OUTAGE_RETRY_SECONDS)

    async def _apply(self, event: CloudEvent) -> None:
        async with self._sessions() as session, session.begin():
            # The batch's prepared statement, for one: building and keying a Core
            # INSERT per event cost more CPU than the rest of a lone event's handling.
            if not await self._claim(session, [event]):
                return  # already applied: a redelivery or a duplicate publish
            await self._run_handler(session, event)

    def _span(self, event: CloudEvent) -> tuple[str, Span | None]:
        """Handling `event`, in the trace of the work that committed it."""
        if not self.tracer.enabled:  # no attributes built for nothing
            return child_traceparent(event.traceparent), None
        return self.tracer.start(
            f"{self.durable} {event.type}",
            event.traceparent,
            SpanKind.CONSUMER,
            {
                "messaging.system": "nats",
                "messaging.consumer.group.name": self.durable,
                "messaging.message.id": event.id,
                "cloudevents.event_type": event.type,
            },
        )

    async def _run_handler(self, session: AsyncSession, event: CloudEvent) -> None:
        # Events this handler emits continue the producer's trace.
        traceparent, span = self._span(event)
        token = traceparent_var.set(traceparent)
        try:
            await self.spec.handler(session, event)
        except Exception as exc:
            end(span, error=repr(exc))
            raise
        else:
            end(span)
        finally:
            traceparent_var.reset(token)

    async def _dead_letter(
        self, js: JetStreamContext, msg: Msg, event: CloudEvent | None, delivered: int, error: str
    ) -> None:
        log.error(
            "consumer %s: giving up on %s after %d deliveries: %s",
            self.durable,
            msg.subject,
            delivered,
            error,
        )

        async def record() -> None:
            async with self._sessions() as session, session.begin():
                await session.execute(
                    insert(dead_letter).values(
                        consumer=self.durable,
                        subject=msg.subject,
                        event_id=event.id if event else None,
                        deliveries=delivered,
                        error=error[:2000],
                        payload=msg.data,
                    )
                )

        await self._despite_outages([msg], record)
        headers = {"Apik-Error": error[:500], "Apik-Original-Subject": msg.subject}
        if event:
            headers["Nats-Msg-Id"] = f"dlq-{self.durable}-{event.id}"
        await js.publish(dead_letter_subject(self.service, self.durable), msg.data, headers=headers)
        await msg.term()
