"""The event layer against real PostgreSQL and NATS JetStream: outbox, relay, consumers."""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import AsyncIterator, Sequence

import nats
import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from apik_shared.devstack.processes import stop
from apik_shared.platform.db import Database
from apik_shared.platform.events import consumer as consumer_module
from apik_shared.platform.events import server_version
from apik_shared.platform.events.bus import EventBus, ensure_stream
from apik_shared.platform.events.consumer import ConsumerSpec
from apik_shared.platform.events.envelope import CloudEvent, dead_letter_subject, source_of
from apik_testing.databases import platform_database
from apik_testing.infra import TestInfra
from apik_testing.polling import eventually
from tests.shared.builders import (
    all_applied_once,
    count,
    effects,
    publish_all,
    record_effect,
    topic,
)


@pytest.fixture(scope="module")
async def database(infra: TestInfra) -> AsyncIterator[Database]:
    async with platform_database(infra, "events", effects.metadata) as db:
        yield db


def bus_for(
    infra: TestInfra, db: Database, producer: str, *specs: ConsumerSpec, keep_sent: bool = False
) -> EventBus:
    return EventBus(
        nats_url=infra.nats_url,
        service=producer,
        sessions=db.sessions,
        consumers=specs,
        poll_seconds=0.2,
        keep_sent=keep_sent,
    )


async def test_outbox_event_is_relayed_consumed_once_and_deleted(infra, database):
    producer = topic()
    spec = ConsumerSpec(
        durable=f"{producer}-c", subjects=[f"apik.{producer}.>"], handler=record_effect
    )
    bus = bus_for(infra, database, producer, spec)
    await bus.start()
    try:
        async with database.sessions() as session, session.begin():
            event = await bus.outbox.add(session, "thing.happened", {"n": 1}, subject="x")
        await eventually(lambda: _effect_count(database, event.id, 1))
        await eventually(lambda: _gone(database, event.id))
    finally:
        await bus.stop()


async def test_with_keep_sent_a_relayed_row_stays_marked_sent(infra, database):
    producer = topic()
    bus = bus_for(infra, database, producer, keep_sent=True)
    await bus.start()
    try:
        async with database.sessions() as session, session.begin():
            event = await bus.outbox.add(session, "thing.happened", {"n": 1}, subject="x")
        await eventually(lambda: _marked_sent(database, event.id))
        assert await count(database, "SELECT count(*) FROM outbox WHERE id = :id", id=event.id) == 1
    finally:
        await bus.stop()


async def _effect_count(db: Database, event_id: str, expected: int) -> bool:
    return (
        await count(db, "SELECT count(*) FROM effect WHERE event_id = :e", e=event_id) == expected
    )


async def test_a_redelivered_event_changes_nothing(infra, database):
    producer = topic()
    spec = ConsumerSpec(
        durable=f"{producer}-c", subjects=[f"apik.{producer}.>"], handler=record_effect
    )
    event = CloudEvent(source=source_of(producer), type="thing.happened", data={})
    nc = await nats.connect(infra.nats_url)
    bus = bus_for(infra, database, producer, spec)
    await bus.start()
    try:
        js = nc.jetstream()
        # Two publishes the stream cannot deduplicate (other message ids), like a
        # redelivery after a lost ack or a producer retrying beyond the window.
        for msg_id in ("first", "second"):
            await js.publish(
                f"apik.{producer}.thing.happened",
                event.to_json(),
                headers={"Nats-Msg-Id": f"{event.id}-{msg_id}"},
            )
        await eventually(lambda: _inbox_has(database, spec.durable, event.id))
        await asyncio.sleep(0.5)  # give the second copy time to arrive and be ignored
        assert await _effect_count(database, event.id, 1)
    finally:
        await bus.stop()
        await nc.close()


async def _inbox_has(db: Database, consumer: str, event_id: str) -> bool:
    return (
        await count(
            db,
            "SELECT count(*) FROM inbox WHERE consumer = :c AND event_id = :e",
            c=consumer,
            e=event_id,
        )
        == 1
    )


async def test_a_failing_event_goes_to_the_dead_letter_subject(infra, database):
    producer = topic()
    attempts: list[int] = []

    async def always_fails(session: AsyncSession, event: CloudEvent) -> None:
        attempts.append(1)
        raise RuntimeError("the handler cannot cope")

    spec = ConsumerSpec(
        durable=f"{producer}-c",
        subjects=[f"apik.{producer}.>"],
        handler=always_fails,
        max_deliver=3,
        backoff=(0.05,),
    )
    nc = await nats.connect(infra.nats_url)
    js = nc.jetstream()
    dead = await js.subscribe(dead_letter_subject(producer, spec.durable), ordered_consumer=True)
    bus = bus_for(infra, database, producer, spec)
    await bus.start()
    try:
        event = CloudEvent(source=source_of(producer), type="thing.happened", data={})
        await js.publish(f"apik.{producer}.thing.happened", event.to_json())
        parked = await dead.next_msg(timeout=15)
        assert CloudEvent.from_json(parked.data).id == event.id
        assert parked.headers is not None and "cannot cope" in parked.headers["Apik-Error"]
        assert len(attempts) == 3
        rows = await count(
            database,
            "SELECT count(*) FROM dead_letter WHERE event_id = :e AND deliveries = 3",
            e=event.id,
        )
        assert rows == 1
        # The failed attempts rolled back: no inbox row, so a replay could still apply it.
        assert not await _inbox_has(database, spec.durable, event.id)
    finally:
        await bus.stop()
        await nc.close()


async def test_garbage_on_the_stream_is_dead_lettered_at_once(infra, database):
    producer = topic()
    spec = ConsumerSpec(
        durable=f"{producer}-c", subjects=[f"apik.{producer}.>"], handler=record_effect
    )
    nc = await nats.connect(infra.nats_url)
    js = nc.jetstream()
    dead = await js.subscribe(dead_letter_subject(producer, spec.durable), ordered_consumer=True)
    bus = bus_for(infra, database, producer, spec)
    await bus.start()
    try:
        await js.publish(f"apik.{producer}.thing.happened", b"not a cloud event")
        parked = await dead.next_msg(timeout=15)
        assert parked.data == b"not a cloud event"
    finally:
        await bus.stop()
        await nc.close()


async def test_a_republished_outbox_row_is_deduplicated_by_the_stream(infra, database):
    """The relay crashed after publishing but before deleting the row."""
    producer = topic()
    spec = ConsumerSpec(
        durable=f"{producer}-c", subjects=[f"apik.{producer}.>"], handler=record_effect
    )
    bus = bus_for(infra, database, producer, spec)
    await bus.start()
    try:
        async with database.sessions() as session, session.begin():
            event = await bus.outbox.add(session, "thing.happened", {})
        await eventually(lambda: _effect_count(database, event.id, 1))
        await eventually(lambda: _gone(database, event.id))
        async with database.sessions() as session, session.begin():
            await session.execute(
                sa.text(
                    "INSERT INTO outbox (id, subject, payload) VALUES (:id, :subject, :payload)"
                ),
                {
                    "id": event.id,
                    "subject": f"apik.{producer}.thing.happened",
                    "payload": event.to_json(),
                },
            )
        bus.relay.wake()
        await eventually(lambda: _gone(database, event.id))
        nc = await nats.connect(infra.nats_url)
        info = await nc.jetstream().stream_info("APIK", subjects_filter=f"apik.{producer}.>")
        await nc.close()
        assert info.state.subjects == {f"apik.{producer}.thing.happened": 1}
    finally:
        await bus.stop()


async def _gone(db: Database, event_id: str) -> bool:
    return await count(db, "SELECT count(*) FROM outbox WHERE id = :id", id=event_id) == 0


async def _marked_sent(db: Database, event_id: str) -> bool:
    return (
        await count(
            db, "SELECT count(*) FROM outbox WHERE id = :id AND sent_at IS NOT NULL", id=event_id
        )
        == 1
    )


async def test_events_wait_in_the_outbox_while_nats_is_down(infra, database):
    if infra.nats is None:
        pytest.skip("needs the suite's own NATS server to stop it (APIK_TEST_NATS_URL is set)")
    producer = topic()
    spec = ConsumerSpec(
        durable=f"{producer}-c", subjects=[f"apik.{producer}.>"], handler=record_effect
    )
    bus = bus_for(infra, database, producer, spec)
    await bus.start()
    await eventually(lambda: _connected(bus))
    infra.nats.stop()
    try:
        ids = []
        for n in range(50):
            async with database.sessions() as session, session.begin():
                ids.append((await bus.outbox.add(session, "thing.happened", {"n": n})).id)
        await asyncio.sleep(0.5)
        unsent = await count(
            database,
            "SELECT count(*) FROM outbox WHERE id = ANY(:ids) AND sent_at IS NULL",
            ids=ids,
        )
        assert unsent == 50
    finally:
        infra.nats.start()
    try:
        await eventually(lambda: all_applied_once(database, ids), within=30)
    finally:
        await bus.stop()


async def test_a_consumer_asks_again_as_soon_as_nats_is_back(infra, database, monkeypatch):
    # The pull request waiting when NATS went away is lost with it. The fetch's timeout
    # is an hour here: a consumer that waited it out would apply nothing in the window.
    if infra.nats is None:
        pytest.skip("needs the suite's own NATS server to stop it (APIK_TEST_NATS_URL is set)")
    monkeypatch.setattr(consumer_module, "FETCH_SECONDS", 3600.0)
    producer = topic()
    spec = ConsumerSpec(
        durable=f"{producer}-c", subjects=[f"apik.{producer}.>"], handler=record_effect
    )
    bus = bus_for(infra, database, producer, spec)
    await bus.start()
    try:
        first = CloudEvent(source=source_of(producer), type="thing.happened")
        await publish_all(infra.nats_url, producer, [first])
        await eventually(lambda: all_applied_once(database, [first.id]), within=30)
        # Killed, not stopped: a server that shuts down cleanly ends the waiting request
        # itself (409), one that crashes or drops off the network says nothing.
        stop(infra.nats.process, sig=signal.SIGKILL)
        infra.nats.start()
        await eventually(lambda: _connected(bus), within=30)
        after = CloudEvent(source=source_of(producer), type="thing.happened")
        await publish_all(infra.nats_url, producer, [after])
        await eventually(lambda: all_applied_once(database, [after.id]), within=30)
    finally:
        await bus.stop()


async def _connected(bus: EventBus) -> bool:
    return bus.connected


async def test_a_backlog_is_applied_in_batches_each_event_once(infra, database):
    producer = topic()
    batches: list[int] = []

    async def record_batch(session: AsyncSession, events: Sequence[CloudEvent]) -> None:
        batches.append(len(events))
        await session.execute(sa.insert(effects), [{"event_id": e.id} for e in events])

    spec = ConsumerSpec(
        durable=f"{producer}-c",
        subjects=[f"apik.{producer}.>"],
        handler=record_effect,
        batch_handler=record_batch,
    )
    events = [CloudEvent(source=source_of(producer), type="thing.happened") for _ in range(40)]
    await publish_all(infra.nats_url, producer, events)  # waiting before the consumer exists
    bus = bus_for(infra, database, producer, spec)
    await bus.start()
    try:
        await eventually(lambda: all_applied_once(database, [e.id for e in events]))
        assert max(batches) > 1, "the backlog was applied one event at a time"
        inboxed = await count(
            database, "SELECT count(*) FROM inbox WHERE consumer = :c", c=spec.durable
        )
        assert inboxed == len(events)
    finally:
        await bus.stop()


async def test_a_failing_event_does_not_hold_back_the_rest_of_its_batch(infra, database):
    producer = topic()

    async def fails_on_poison(session: AsyncSession, event: CloudEvent) -> None:
        if event.data.get("poison"):
            raise RuntimeError("poisoned")
        await record_effect(session, event)

    spec = ConsumerSpec(
        durable=f"{producer}-c",
        subjects=[f"apik.{producer}.>"],
        handler=fails_on_poison,
        max_deliver=2,
        backoff=(0.05,),
    )
    events = [
        CloudEvent(source=source_of(producer), type="thing.happened", data={"poison": n == 4})
        for n in range(10)
    ]
    await publish_all(infra.nats_url, producer, events)
    bus = bus_for(infra, database, producer, spec)
    await bus.start()
    try:
        healthy = [e.id for e in events if not e.data["poison"]]
        await eventually(lambda: all_applied_once(database, healthy))
        poison = events[4].id
        await eventually(lambda: _dead_lettered(database, poison))
        assert await _effect_count(database, poison, 0)
        assert not await _inbox_has(database, spec.durable, poison)
    finally:
        await bus.stop()


async def test_a_batch_failing_midway_applies_none_of_it_then_each_event_once(infra, database):
    # The batch's handler writes the effects of the events before the poisoned one, then
    # fails: none of those writes may survive, and every event, the poisoned one after a
    # failed delivery and its redelivery, ends up applied exactly once.
    producer = topic()
    batch_calls: list[int] = []
    failed_once: set[str] = set()

    async def record_batch_then_fail(session: AsyncSession, events: Sequence[CloudEvent]) -> None:
        batch_calls.append(len(events))
        for event in events:
            if event.data.get("poison"):
                raise RuntimeError("poisoned midway through the batch")
            await record_effect(session, event)
            await session.flush()  # written, within the batch's transaction

    async def fails_its_first_delivery(session: AsyncSession, event: CloudEvent) -> None:
        if event.data.get("poison") and event.id not in failed_once:
            failed_once.add(event.id)
            await record_effect(session, event)
            await session.flush()
            raise RuntimeError("poisoned on its first delivery")
        await record_effect(session, event)

    spec = ConsumerSpec(
        durable=f"{producer}-c",
        subjects=[f"apik.{producer}.>"],
        handler=fails_its_first_delivery,
        batch_handler=record_batch_then_fail,
        max_deliver=3,
        backoff=(0.05,),
    )
    events = [
        CloudEvent(source=source_of(producer), type="thing.happened", data={"poison": n == 12})
        for n in range(20)
    ]
    await publish_all(infra.nats_url, producer, events)  # a backlog: fetched as one batch
    bus = bus_for(infra, database, producer, spec)
    await bus.start()
    try:
        ids = [e.id for e in events]
        await eventually(lambda: all_applied_once(database, ids), within=30)
        assert any(size > 12 for size in batch_calls), "no batch reached the poisoned event"
        assert failed_once == {events[12].id}, "the poisoned event's failure was not seen"
        await asyncio.sleep(0.5)  # any late redelivery has time to come (and change nothing)
        assert await all_applied_once(database, ids)
        inboxed = await count(
            database, "SELECT count(*) FROM inbox WHERE consumer = :c", c=spec.durable
        )
        assert inboxed == len(events)
        assert not await _dead_lettered(database, events[12].id)
    finally:
        await bus.stop()


async def _dead_lettered(db: Database, event_id: str) -> bool:
    return await count(db, "SELECT count(*) FROM dead_letter WHERE event_id = :e", e=event_id) == 1


async def test_a_lone_event_is_not_held_back_to_fill_a_batch(infra, database, monkeypatch):
    # A fetch waiting for a full batch would hold the lone event for an hour, far past
    # the test's window.
    monkeypatch.setattr(consumer_module, "FETCH_SECONDS", 3600.0)
    producer = topic()
    spec = ConsumerSpec(
        durable=f"{producer}-c", subjects=[f"apik.{producer}.>"], handler=record_effect, batch=64
    )
    bus = bus_for(infra, database, producer, spec)
    await bus.start()
    try:
        first = CloudEvent(source=source_of(producer), type="thing.happened")
        await publish_all(infra.nats_url, producer, [first])
        await eventually(lambda: _effect_count(database, first.id, 1), within=30)
        lone = CloudEvent(source=source_of(producer), type="thing.happened")
        await publish_all(infra.nats_url, producer, [lone])
        await eventually(lambda: _effect_count(database, lone.id, 1), within=30)
    finally:
        await bus.stop()


@pytest.mark.parametrize("parallel_batches", [1, 2])
async def test_a_steady_stream_of_events_is_applied_as_they_come(
    infra, database, monkeypatch, parallel_batches
):
    # Events every 10 ms, each taking a little work: none may wait for a batch to fill or
    # for a fetch to time out. The fetch's timeout is an hour here, so an event held for
    # it never arrives within the test's window (with two pulls at once, nats-py's own
    # fetch held some events for the whole timeout on NATS 2.9). How long events do wait
    # is a figure of `bench/run.py` (the Puller's round trip), not an assertion: a
    # loaded machine stretches it.
    monkeypatch.setattr(consumer_module, "FETCH_SECONDS", 3600.0)
    applied_at: set[str] = set()

    async def slow_effect(session: AsyncSession, event: CloudEvent) -> None:
        await asyncio.sleep(0.01)
        await record_effect(session, event)
        applied_at.add(event.id)

    producer = topic()
    spec = ConsumerSpec(
        durable=f"{producer}-c",
        subjects=[f"apik.{producer}.>"],
        handler=slow_effect,
        batch=64,
        parallel_batches=parallel_batches,
    )
    bus = bus_for(infra, database, producer, spec)
    await bus.start()
    nc = await nats.connect(infra.nats_url)
    sent: set[str] = set()
    try:
        js = nc.jetstream()
        await ensure_stream(js)
        await asyncio.sleep(0.5)  # the consumer is waiting for its first message
        for _ in range(150):
            event = CloudEvent(source=source_of(producer), type="thing.happened")
            sent.add(event.id)
            await js.publish(f"apik.{producer}.thing.happened", event.to_json())
            await asyncio.sleep(0.01)
        await eventually(lambda: _all_in(applied_at, sent), within=40, every=0.05)
    finally:
        await nc.close()
        await bus.stop()
    assert await count(
        database, "SELECT count(*) FROM effect WHERE event_id = ANY(:ids)", ids=list(sent)
    ) == len(sent)


async def _all_in(applied: set[str], sent: set[str]) -> bool:
    return sent <= applied


async def test_a_server_older_than_needed_is_refused_loudly(infra, database, monkeypatch, caplog):
    """The suite's server is new enough; one "older" than a raised minimum stands in for
    a NATS 2.9: the bus says so in its log and neither relays nor consumes."""
    monkeypatch.setattr(server_version, "MIN_NATS_SERVER", (99, 0, 0))
    bus = bus_for(infra, database, topic())
    caplog.set_level(logging.ERROR, logger="apik.bus")

    async def refused() -> bool:
        return any("APIK needs 99.0.0 or newer" in r.getMessage() for r in caplog.records)

    await bus.start()
    try:
        await eventually(refused, within=30)
        assert not bus.connected
    finally:
        await bus.stop()
