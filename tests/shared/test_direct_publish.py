"""The relay's fast path against real PostgreSQL and NATS JetStream: a commit's events
are published at once, without waiting for the poll; what a savepoint or a transaction
rolled back is never published; the poll still publishes what the fast path skipped."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator

import nats
import pytest
import sqlalchemy as sa
from nats.aio.msg import Msg

from apik_shared.platform.db import Database
from apik_shared.platform.events.bus import EventBus
from apik_shared.platform.events.envelope import CloudEvent
from apik_shared.platform.events.outbox import Committed
from apik_testing.databases import platform_database
from apik_testing.infra import TestInfra
from apik_testing.polling import eventually

# Far longer than any wait below: what arrives, arrived by the fast path.
NO_POLL = 600.0


@pytest.fixture(scope="module")
async def database(infra: TestInfra) -> AsyncIterator[Database]:
    async with platform_database(infra, "direct_publish") as db:
        yield db


@pytest.fixture
async def bus(infra: TestInfra, database: Database) -> AsyncIterator[EventBus]:
    producer = "d" + uuid.uuid4().hex[:10]
    bus = EventBus(
        nats_url=infra.nats_url, service=producer, sessions=database.sessions, poll_seconds=NO_POLL
    )
    await bus.start()
    await bus.jetstream()
    # The relay's first pass polls the table; let it finish before the test begins.
    await asyncio.sleep(0.3)
    yield bus
    await bus.stop()


class Listener:
    """Every event published under one producer, read back from JetStream."""

    def __init__(self, infra: TestInfra, producer: str) -> None:
        self.infra, self.subject = infra, f"apik.{producer}.>"
        self.seen: list[CloudEvent] = []

    async def __aenter__(self) -> Listener:
        self.nc = await nats.connect(self.infra.nats_url)
        js = self.nc.jetstream()

        async def on_message(msg: Msg) -> None:
            self.seen.append(CloudEvent.from_json(msg.data))

        self.sub = await js.subscribe(self.subject, cb=on_message, ordered_consumer=True)
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.nc.close()

    async def ids(self) -> list[str]:
        return [event.id for event in self.seen]


async def is_deleted(db: Database, event_id: str) -> bool:
    """Published rows leave the outbox (the stream keeps the event)."""
    async with db.sessions() as session:
        left = await session.execute(
            sa.text("SELECT count(*) FROM outbox WHERE id = :id"), {"id": event_id}
        )
    return left.scalar_one() == 0


async def test_a_committed_event_is_published_without_waiting_for_the_poll(infra, database, bus):
    async with Listener(infra, bus.service) as listener:
        async with database.sessions() as session, session.begin():
            event = await bus.outbox.add(session, "thing.happened", {"n": 1}, subject="x")
        await eventually(listener.ids, lambda ids: ids == [event.id], within=5)
        await eventually(lambda: is_deleted(database, event.id), within=5)


async def test_a_rolled_back_transaction_publishes_nothing(infra, database, bus):
    async with Listener(infra, bus.service) as listener:
        async with database.sessions() as session:
            await session.begin()
            await bus.outbox.add(session, "thing.happened", {"n": 1}, subject="gone")
            await session.rollback()
        async with database.sessions() as session, session.begin():
            kept = await bus.outbox.add(session, "thing.happened", {"n": 2}, subject="kept")
        await eventually(listener.ids, lambda ids: ids == [kept.id], within=5)
        await asyncio.sleep(0.5)  # nothing else follows
        assert await listener.ids() == [kept.id]


async def test_an_event_of_a_rolled_back_savepoint_is_never_published(infra, database, bus):
    async with Listener(infra, bus.service) as listener:
        async with database.sessions() as session, session.begin():
            kept = await bus.outbox.add(session, "thing.happened", {"n": 1}, subject="kept")
            savepoint = await session.begin_nested()
            await bus.outbox.add(session, "thing.happened", {"n": 2}, subject="undone")
            await savepoint.rollback()
            async with session.begin_nested():
                released = await bus.outbox.add(session, "thing.happened", {"n": 3}, subject="in")
        # The released savepoint's event is published too (by the poll the commit wakes).
        await eventually(listener.ids, lambda ids: sorted(ids) == sorted([kept.id, released.id]))
        await asyncio.sleep(0.5)
        assert sorted(await listener.ids()) == sorted([kept.id, released.id])
        async with database.sessions() as session:
            undone = await session.execute(
                sa.text("SELECT count(*) FROM outbox WHERE payload::text LIKE '%undone%'")
            )
            assert undone.scalar_one() == 0


async def test_a_burst_of_commits_is_published_once_each(infra, database, bus):
    async def commit(n: int) -> str:
        async with database.sessions() as session, session.begin():
            event = await bus.outbox.add(session, "thing.happened", {"n": n}, subject=str(n))
        return event.id

    async with Listener(infra, bus.service) as listener:
        ids = await asyncio.gather(*(commit(n) for n in range(200)))
        await eventually(listener.ids, lambda ids: len(ids) >= 200, within=10)
        await asyncio.sleep(0.5)
        assert sorted(await listener.ids()) == sorted(ids)
    for event_id in ids:
        assert await is_deleted(database, event_id)


async def test_handed_off_rows_are_published_without_reading_the_table(infra, database, bus):
    # A row the table does not hold: only the fast path can publish it.
    event = CloudEvent(source="/test", type="thing.happened", data={"n": 1})
    row = Committed(event.id, f"apik.{bus.service}.thing.happened", event.to_json())
    async with Listener(infra, bus.service) as listener:
        bus.relay.handoff([row])
        await eventually(listener.ids, lambda ids: ids == [event.id], within=5)
