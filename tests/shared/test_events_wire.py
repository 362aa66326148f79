"""What consumers spend on the wire, against real PostgreSQL and NATS JetStream: events a
consumer's wildcard lets through but no handler takes cost no inbox row, and a lone
message costs one pull request, not two."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import nats
import pytest
from nats.aio.msg import Msg
from nats.js.errors import NotFoundError
from sqlalchemy.ext.asyncio import AsyncSession

from apik_shared.platform.db import Database
from apik_shared.platform.events.bus import EventBus, ensure_stream
from apik_shared.platform.events.consumer import Consumer, ConsumerSpec
from apik_shared.platform.events.envelope import STREAM_NAME, CloudEvent, source_of
from apik_shared.platform.events.puller import Puller, deliveries, pending_after
from apik_testing.databases import platform_database
from apik_testing.infra import TestInfra
from apik_testing.polling import eventually
from tests.shared.builders import all_applied_once, count, effects, record_effect


@pytest.fixture(scope="module")
async def database(infra: TestInfra) -> AsyncIterator[Database]:
    async with platform_database(infra, "events_wire", effects.metadata) as db:
        yield db


async def publish(infra: TestInfra, events: list[tuple[str, CloudEvent]]) -> None:
    nc = await nats.connect(infra.nats_url)
    try:
        js = nc.jetstream()
        await ensure_stream(js)
        for subject, event in events:
            await js.publish(subject, event.to_json())
    finally:
        await nc.close()


async def settled(infra: TestInfra, durable: str) -> bool:
    nc = await nats.connect(infra.nats_url)
    try:
        info = await nc.jetstream().consumer_info(STREAM_NAME, durable)
        return info.num_pending == 0 and info.num_ack_pending == 0
    except NotFoundError:  # the bus has not made it yet
        return False
    finally:
        await nc.close()


@pytest.mark.parametrize("backlog", [False, True], ids=["one-by-one", "in-a-batch"])
async def test_a_type_the_handlers_do_not_take_is_acked_unread(infra, database, backlog):
    """The wildcard a consumer of several types of one aggregate needs on NATS 2.9 also
    lets the aggregate's other types through: they are acked without an inbox row, while
    every type it takes is applied (a list that dropped one would fail here)."""
    producer = "t" + uuid.uuid4().hex[:10]
    taken = [f"apik.{producer}.thing.happened", f"apik.{producer}.thing.changed"]
    spec = ConsumerSpec(
        durable=f"{producer}-c",
        subjects=[f"apik.{producer}.>"],
        handler=record_effect,
        only_subjects=frozenset(taken),
    )
    events = [
        (subject, CloudEvent(source=source_of(producer), type=subject.split(".", 2)[2]))
        for subject in [*taken, f"apik.{producer}.thing.ignored", *taken]
    ]
    bus = EventBus(
        nats_url=infra.nats_url, service=producer, sessions=database.sessions, consumers=[spec]
    )
    if backlog:  # waiting before the consumer exists: fetched, and applied, together
        await publish(infra, events)
    await bus.start()
    try:
        if not backlog:
            await asyncio.sleep(0.5)  # the consumer waits for its first message
            for one in events:
                await publish(infra, [one])
        await eventually(lambda: settled(infra, spec.durable), within=30)
    finally:
        await bus.stop()
    applied = {e.id for s, e in events if s in taken}
    ignored = [e.id for s, e in events if s not in taken]
    in_effect = await count(
        database,
        "SELECT count(*) FROM effect WHERE event_id = ANY(:ids)",
        ids=[e.id for _, e in events],
    )
    inbox = "SELECT count(*) FROM inbox WHERE consumer = :c"
    assert in_effect == await count(database, inbox, c=spec.durable) == len(applied) == 4
    unread = "SELECT count(*) FROM inbox WHERE event_id = :e"
    assert await count(database, unread, e=ignored[0]) == 0


async def test_a_lone_message_costs_one_pull_request(infra):
    """The first message of a fetch carries how many others waited: none, and the
    follow-up request for the rest of a batch is not sent; some, and it is."""
    producer = "t" + uuid.uuid4().hex[:10]
    durable = f"{producer}-p"
    nc = await nats.connect(infra.nats_url)
    requests: list[dict[str, object]] = []

    async def seen(msg: Msg) -> None:
        requests.append(json.loads(msg.data))

    try:
        js = nc.jetstream()
        await ensure_stream(js)
        await js.add_consumer(
            STREAM_NAME,
            durable_name=durable,
            filter_subject=f"apik.{producer}.>",
            ack_policy="explicit",
        )
        # Pull requests are plain messages to the consumer's API subject: watched here.
        await nc.subscribe(f"$JS.API.CONSUMER.MSG.NEXT.{STREAM_NAME}.{durable}", cb=seen)
        await nc.flush()
        async with Puller(nc, stream=STREAM_NAME, durable=durable, batch=16, wait=30) as puller:
            event = CloudEvent(source=source_of(producer), type="thing.happened")
            await js.publish(f"apik.{producer}.thing.happened", event.to_json())
            lone = await puller.fetch()
            assert [CloudEvent.from_json(m.data).id for m in lone] == [event.id]
            assert deliveries(lone[0]) == 1 and pending_after(lone[0]) == 0
            await nc.flush()
            await asyncio.sleep(0.3)  # the watcher's callback has run for every request
            assert [r.get("no_wait") for r in requests] == [None]
            for msg in lone:
                await msg.ack()

            three = [CloudEvent(source=source_of(producer), type="thing.happened") for _ in "abc"]
            for e in three:
                await js.publish(f"apik.{producer}.thing.happened", e.to_json())
            fetched: list[Msg] = []
            while len(fetched) < 3:  # the whole backlog, in one or two fetches
                fetched += await puller.fetch()
            assert [CloudEvent.from_json(m.data).id for m in fetched] == [e.id for e in three]
            assert pending_after(fetched[0]) == 2
            await eventually(lambda: _at_least(requests, 3), within=10)
            assert requests[2].get("no_wait") is True  # the rest of the batch asked for
    finally:
        await nc.close()


async def _at_least(items: list[dict[str, object]], n: int) -> bool:
    return len(items) >= n


@pytest.mark.parametrize("refused", [False, True], ids=["updated", "filter-alone"])
async def test_a_wildcard_consumer_narrowed_to_its_subjects_keeps_its_place(
    infra, database, refused
):
    """A consumer made with an aggregate's wildcard (as on NATS 2.9) meets the spec that
    names exactly its subjects, after it has acked some events, with others waiting and
    maybe some applied but not acked: it keeps its acked position, every event it takes
    is applied once, and the type it does not take is no longer delivered. `refused`:
    the new config also asks for a start time, which a server does not change on an
    existing consumer; the filter is changed alone."""
    producer = "t" + uuid.uuid4().hex[:10]
    durable = f"{producer}-narrowed"
    taken = [f"apik.{producer}.thing.happened", f"apik.{producer}.thing.changed"]
    kinds = [*taken, f"apik.{producer}.thing.ignored"]

    def events(n: int) -> list[tuple[str, CloudEvent]]:
        return [
            (s, CloudEvent(source=source_of(producer), type=s.split(".", 2)[2]))
            for s in (kinds[i % 3] for i in range(n))
        ]

    async def slowly(session: AsyncSession, event: CloudEvent) -> None:
        await asyncio.sleep(0.02)  # so the old consumer is stopped midway
        await record_effect(session, event)

    wildcard = ConsumerSpec(
        durable=durable,
        subjects=[f"apik.{producer}.>"],
        handler=slowly,
        only_subjects=frozenset(taken),
        batch=4,
    )
    delivered_after: list[str] = []

    def decode(subject: str, raw: bytes) -> CloudEvent:
        event = CloudEvent.from_json(raw)
        delivered_after.append(event.id)
        return event

    # As `handlers.consumer` makes it: what the old filter delivered but did not see
    # acked comes again, and is acked unread.
    exact = ConsumerSpec(
        durable=durable,
        subjects=taken,
        handler=record_effect,
        batch=4,
        decode=decode,
        only_subjects=frozenset(taken),
    )
    first, second = events(90), events(60)
    await publish(infra, first)
    old = EventBus(
        nats_url=infra.nats_url,
        service=producer,
        sessions=database.sessions,
        consumers=[wildcard],
        consumer_ack_wait=2,
    )
    await old.start()
    try:
        await eventually(lambda: _effects_at_least(database, [e.id for _, e in first], 12))
    finally:
        await old.stop()
    await publish(infra, second)

    nc = await nats.connect(infra.nats_url)
    try:
        js = nc.jetstream()
        before = await js.consumer_info(STREAM_NAME, durable)
        assert before.num_pending > 0, "the old consumer drained everything: stop it sooner"
        start_time = datetime.now(UTC) if refused else None
        await Consumer(
            exact,
            service=producer,
            sessions=database.sessions,
            ack_wait=2,
            start_time=start_time,
        ).ensure(js)
        after = await js.consumer_info(STREAM_NAME, durable)
    finally:
        await nc.close()
    assert after.config.filter_subjects == taken and not after.config.filter_subject
    assert after.ack_floor.stream_seq == before.ack_floor.stream_seq > 0
    assert after.delivered.stream_seq == before.delivered.stream_seq
    assert after.config.deliver_policy == before.config.deliver_policy

    new = EventBus(
        nats_url=infra.nats_url,
        service=producer,
        sessions=database.sessions,
        consumers=[exact],
        consumer_ack_wait=2,
        consumer_start_time=start_time,
    )
    await new.start()
    try:
        every = [e.id for s, e in first + second if s in taken]
        await eventually(lambda: all_applied_once(database, every), within=60)
        await eventually(lambda: settled(infra, durable), within=30)
    finally:
        await new.stop()
    ignored = [e.id for s, e in first + second if s not in taken]
    assert (
        await count(database, "SELECT count(*) FROM effect WHERE event_id = ANY(:ids)", ids=ignored)
        == 0
    )
    # (One the old consumer had fetched but not acked may come once more: it was
    # delivered under the old filter.)
    later = {e.id for s, e in second if s not in taken}
    assert not later & set(delivered_after), "the narrowed consumer still got the other type"


async def _effects_at_least(db: Database, ids: list[str], n: int) -> bool:
    found = "SELECT count(*) FROM effect WHERE event_id = ANY(:ids)"
    return await count(db, found, ids=ids) >= n
