"""A consumer's batch path when its parts fail, against real PostgreSQL and NATS: the
events of one fetch are applied in one transaction, then acked; whatever dies between
or during those steps, every event ends up applied exactly once (docs/events.md,
Guarantees).

The windows, and where each is proved:

- the process killed after the batch committed, before its acks: the batch comes again,
  one by one, and the inbox recognises every event (a real SIGKILL, below);
- NATS killed in the same window: the acks are lost with the connection (below);
- PostgreSQL stopped in the middle of a batch: the batch rolls back, and its events wait
  for the database, however long, rather than spend their deliveries and end in the
  dead letters or nowhere (below);
- the batch's COMMIT refused (a serialization failure, a unique conflict found at
  commit): nothing of it stays, and each event is applied once one by one (below);
- one event that always fails inside a batch: the others are applied once, it goes to
  the dead letters once (below); one that fails once: `test_events.py`.
"""

from __future__ import annotations

import asyncio
import signal
import sys
from collections import Counter
from collections.abc import AsyncIterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import nats
import pytest
import sqlalchemy as sa
from nats.js.api import ConsumerInfo
from nats.js.errors import NotFoundError
from sqlalchemy import event as orm_events
from sqlalchemy.ext.asyncio import AsyncSession

from apik_shared.devstack.processes import stop
from apik_shared.platform.db import Database
from apik_shared.platform.events.bus import EventBus
from apik_shared.platform.events.consumer import ConsumerSpec, read_envelope
from apik_shared.platform.events.envelope import STREAM_NAME, CloudEvent, dead_letter_subject
from apik_testing.databases import platform_database
from apik_testing.infra import TestInfra
from apik_testing.polling import eventually
from tests.shared.builders import (
    all_applied_once,
    count,
    effect_spec,
    effects,
    happenings,
    publish_all,
    record_effect,
    record_effects,
    topic,
)

ROOT = Path(__file__).resolve().parents[2]
BACKLOG = 20  # published before the consumer exists: fetched as one batch
ACK_WAIT = 2.0  # how soon the server redelivers what was not acked


@pytest.fixture(scope="module")
async def database(infra: TestInfra) -> AsyncIterator[Database]:
    async with platform_database(infra, "consumer_faults", effects.metadata) as db:
        yield db


def spec_for(producer: str, **options: Any) -> ConsumerSpec:
    return replace(effect_spec(producer), **options)


def bus_for(infra: TestInfra, db: Database, producer: str, spec: ConsumerSpec) -> EventBus:
    return EventBus(
        nats_url=infra.nats_url,
        service=producer,
        sessions=db.sessions,
        consumers=[spec],
        consumer_ack_wait=ACK_WAIT,
    )


async def consumer_info(infra: TestInfra, durable: str) -> ConsumerInfo:
    nc = await nats.connect(infra.nats_url)
    try:
        return await nc.jetstream().consumer_info(STREAM_NAME, durable)
    finally:
        await nc.close()


async def settled(infra: TestInfra, durable: str) -> ConsumerInfo | None:
    """The consumer's state once nothing waits for it and nothing awaits an ack."""
    try:
        info = await consumer_info(infra, durable)
    except NotFoundError:  # the bus has not made it yet
        return None
    return info if info.num_pending == 0 and info.num_ack_pending == 0 else None


async def applied(db: Database, producer: str) -> int:
    """Effects of this test's events, copies included."""
    return await count(
        db,
        "SELECT count(*) FROM effect JOIN inbox ON inbox.event_id = effect.event_id "
        "WHERE inbox.consumer = :c",
        c=f"{producer}-c",
    )


async def test_a_consumer_killed_after_its_batch_committed_applies_nothing_twice(infra, database):
    """A consumer process SIGKILLed the moment its batch committed, before its acks
    (`crashing_consumer`): the server sends every event again, to the next process, one
    by one, and the inbox finds each applied already."""
    producer = topic()
    events = happenings(producer, BACKLOG)
    ids = [e.id for e in events]
    await publish_all(infra.nats_url, producer, events)
    url = database.engine.url.render_as_string(hide_password=False)
    child = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tests.shared.crashing_consumer",
        url, infra.nats_url, str(ACK_WAIT), "", "-",
        "tests.shared.builders:effect_spec", producer,
        cwd=ROOT,
    )  # fmt: skip
    assert await asyncio.wait_for(child.wait(), 90) == -signal.SIGKILL
    # The window is real: the batch is committed, and the server still waits for its acks.
    assert await all_applied_once(database, ids)
    spec = spec_for(producer)
    bus = bus_for(infra, database, producer, spec)
    await bus.start()
    try:
        info = await eventually(lambda: settled(infra, spec.durable), within=30)
    finally:
        await bus.stop()
    assert info.delivered is not None
    assert info.delivered.consumer_seq == 2 * BACKLOG, "not every event came twice"
    assert await all_applied_once(database, ids)
    assert await applied(database, producer) == BACKLOG


@pytest.mark.parametrize("restarted", [False, True], ids=["reconnects", "restarted"])
async def test_nats_killed_after_a_batch_committed_applies_nothing_twice(
    infra, database, restarted
):
    """NATS SIGKILLed the moment a batch committed. The consumer that reconnects sends the
    acks it buffered meanwhile (nats-py keeps what is published while it reconnects), or
    the server redelivers what it lost; one restarted before NATS is back loses every ack
    with its connection, and every event comes again. A server restarted after a crash
    may also have lost its record of the deliveries (written to disk now and then): the
    events then come again as first deliveries, in a batch, and the batch's inbox
    statement recognises them."""
    if infra.nats is None:
        pytest.skip("needs the suite's own NATS server to kill it (APIK_TEST_NATS_URL is set)")
    nats_server = infra.nats
    producer = topic()
    events = happenings(producer, BACKLOG)
    ids = [e.id for e in events]
    killed = asyncio.Event()
    came_again: Counter[str] = Counter()

    def counted(subject: str, raw: bytes) -> CloudEvent:
        event = read_envelope(subject, raw)
        came_again[event.id] += 1
        return event

    def kill_nats(session: object) -> None:
        # Killed, not stopped: a server that crashes says goodbye to nobody.
        stop(nats_server.process, sig=signal.SIGKILL)
        killed.set()

    async def record_then_kill(session: AsyncSession, batch: Sequence[CloudEvent]) -> None:
        await record_effects(session, batch)
        if not killed.is_set():
            orm_events.listen(session.sync_session, "after_commit", kill_nats)

    await publish_all(infra.nats_url, producer, events)
    spec = spec_for(producer, batch_handler=record_then_kill)
    bus = bus_for(infra, database, producer, spec)
    await bus.start()
    try:
        await asyncio.wait_for(killed.wait(), 30)
        assert await all_applied_once(database, ids)
        if restarted:
            await bus.stop()
            bus = bus_for(infra, database, producer, spec_for(producer, decode=counted))
            await bus.start()
        nats_server.start()
        await eventually(lambda: settled(infra, spec.durable), within=30)
    finally:
        if nats_server.process is None or nats_server.process.poll() is not None:
            nats_server.start()
        await bus.stop()
    if restarted:
        # Every event came again, to the new process (the server's own count may restart
        # from the state it last wrote to disk, so the consumer counts).
        assert set(came_again) == set(ids), "not every event came again"
    assert await all_applied_once(database, ids)
    assert await applied(database, producer) == BACKLOG


async def test_postgres_stopped_mid_batch_applies_each_event_once_when_back(infra, database):
    """PostgreSQL stops while a batch's handler is halfway: the batch rolls back, and its
    events wait for the database rather than spend their deliveries. The retry schedule
    here (two deliveries, 0.1 s apart) is far shorter than the outage, as the real one
    (five deliveries within 2.6 minutes) is shorter than a long one: an event whose
    deliveries ran out during an outage was lost, its dead letter unwritable too."""
    if infra.postgres is None:
        pytest.skip("needs the suite's own PostgreSQL to stop it (APIK_TEST_DATABASE_URL)")
    postgres = infra.postgres
    producer = topic()
    events = happenings(producer, BACKLOG)
    ids = [e.id for e in events]
    stopped = asyncio.Event()

    async def half_then_stop(session: AsyncSession, batch: Sequence[CloudEvent]) -> None:
        half = len(batch) // 2
        await record_effects(session, batch[:half])
        await session.flush()
        if not stopped.is_set():
            await asyncio.to_thread(postgres.stop)
            stopped.set()
        await record_effects(session, batch[half:])

    await publish_all(infra.nats_url, producer, events)
    spec = spec_for(producer, batch_handler=half_then_stop, max_deliver=2, backoff=(0.1,))
    bus = bus_for(infra, database, producer, spec)
    await bus.start()
    try:
        await asyncio.wait_for(stopped.wait(), 30)
        await asyncio.sleep(2 * ACK_WAIT)  # every delivery the spec allows, and more
    finally:
        await asyncio.to_thread(postgres.start)
    try:
        await eventually(lambda: settled(infra, spec.durable), within=30)
        assert await all_applied_once(database, ids)
    finally:
        await bus.stop()
    parked = "SELECT count(*) FROM dead_letter WHERE event_id = ANY(:ids)"
    assert await count(database, parked, ids=ids) == 0


async def test_postgres_down_when_a_batch_is_fetched_loses_none_of_it(infra, database):
    """PostgreSQL is down when a batch comes to a consumer that asks the database which
    types it wants (`wanted_types`, before any transaction): the batch waits for the
    database too. Left to its ack timeout, each fetch spent a delivery of every message,
    until the server delivered them no more."""
    if infra.postgres is None:
        pytest.skip("needs the suite's own PostgreSQL to stop it (APIK_TEST_DATABASE_URL)")
    postgres = infra.postgres
    producer = topic()
    events = happenings(producer, BACKLOG)

    async def wanted(session: AsyncSession) -> set[str]:
        return set((await session.execute(sa.text("SELECT 'thing.happened'"))).scalars())

    spec = spec_for(producer, wanted_types=wanted, max_deliver=2, backoff=(0.1,))
    bus = bus_for(infra, database, producer, spec)
    await bus.start()
    try:
        await eventually(lambda: _exists(infra, spec.durable), within=30)
        await asyncio.to_thread(postgres.stop)
        try:
            await publish_all(infra.nats_url, producer, events)
            await asyncio.sleep(3 * ACK_WAIT)  # every delivery the spec allows, and more
        finally:
            await asyncio.to_thread(postgres.start)
        await eventually(lambda: settled(infra, spec.durable), within=30)
        assert await all_applied_once(database, [e.id for e in events])
    finally:
        await bus.stop()


async def _exists(infra: TestInfra, durable: str) -> bool:
    try:
        await consumer_info(infra, durable)
    except NotFoundError:
        return False
    return True


@pytest.mark.parametrize(
    "sqlstate", ["40001", "23505"], ids=["serialization-failure", "unique-conflict"]
)
async def test_a_batch_whose_commit_is_refused_is_applied_event_by_event(infra, database, sqlstate):
    """PostgreSQL refuses the batch's COMMIT itself (a deferred check, as a serializable
    transaction or a deferred unique constraint fails there): the handler returned, and
    still nothing of the batch, its inbox rows included, may stay; each event is then
    applied once on its own."""
    producer = topic()
    gate = f"{producer}_gate"
    events = happenings(producer, BACKLOG)
    ids = [e.id for e in events]
    batches: list[int] = []

    async def record_and_arm(session: AsyncSession, batch: Sequence[CloudEvent]) -> None:
        batches.append(len(batch))
        await record_effects(session, batch)
        # Checked at COMMIT; the first transaction to reach it is refused (a sequence
        # does not roll back, so the next ones pass).
        await session.execute(sa.text(f"SET CONSTRAINTS {gate} DEFERRED"))

    async with database.sessions() as session, session.begin():
        for statement in (
            f"CREATE SEQUENCE {gate}",
            f"""CREATE FUNCTION {gate}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF nextval('{gate}') = 1 THEN
                    RAISE EXCEPTION 'refused at commit' USING ERRCODE = '{sqlstate}';
                END IF;
                RETURN NULL;
            END $$""",
            f"""CREATE CONSTRAINT TRIGGER {gate} AFTER INSERT ON effect
            DEFERRABLE INITIALLY IMMEDIATE FOR EACH ROW EXECUTE FUNCTION {gate}()""",
        ):
            await session.execute(sa.text(statement))
    await publish_all(infra.nats_url, producer, events)
    spec = spec_for(producer, batch_handler=record_and_arm)
    bus = bus_for(infra, database, producer, spec)
    await bus.start()
    try:
        await eventually(lambda: settled(infra, spec.durable), within=30)
    finally:
        await bus.stop()
        async with database.sessions() as session, session.begin():
            await session.execute(sa.text(f"DROP TRIGGER {gate} ON effect"))
    assert batches and max(batches) == BACKLOG, "the backlog did not come as one batch"
    assert await count(database, f"SELECT last_value FROM {gate}") > 1, "no commit was refused"
    assert await all_applied_once(database, ids)
    assert await applied(database, producer) == BACKLOG


async def test_an_event_failing_every_time_in_a_batch_is_dead_lettered_once(infra, database):
    """A poisoned event inside a batch, failing in the batch's handler and on its own
    every time: the rest of the batch, and what comes after it, is applied once; it
    goes to the dead letters once, after its last delivery, and is applied nowhere."""
    producer = topic()

    def poisoned(event: CloudEvent) -> bool:
        return bool(event.data.get("poison"))

    async def batch_fails_on_poison(session: AsyncSession, batch: Sequence[CloudEvent]) -> None:
        await record_effects(session, batch)
        if any(poisoned(e) for e in batch):
            raise RuntimeError("poisoned batch")

    async def fails_on_poison(session: AsyncSession, event: CloudEvent) -> None:
        await record_effect(session, event)
        if poisoned(event):
            raise RuntimeError("poisoned")

    before = happenings(producer, 7)
    poison = happenings(producer, 1, poison=True)[0]
    after = happenings(producer, BACKLOG - 8)
    spec = spec_for(
        producer,
        handler=fails_on_poison,
        batch_handler=batch_fails_on_poison,
        max_deliver=3,
        backoff=(0.05,),
    )
    nc = await nats.connect(infra.nats_url)
    js = nc.jetstream()
    dead = await js.subscribe(dead_letter_subject(producer, spec.durable), ordered_consumer=True)
    await publish_all(infra.nats_url, producer, [*before, poison, *after])
    bus = bus_for(infra, database, producer, spec)
    await bus.start()
    try:
        parked = await dead.next_msg(timeout=30)
        assert CloudEvent.from_json(parked.data).id == poison.id
        later = happenings(producer, BACKLOG)  # not held back by the poisoned event
        await publish_all(infra.nats_url, producer, later)
        healthy = [e.id for e in [*before, *after, *later]]
        await eventually(lambda: all_applied_once(database, healthy), within=30)
        await eventually(lambda: settled(infra, spec.durable), within=30)
    finally:
        await bus.stop()
        await nc.close()
    assert await applied(database, producer) == len(healthy)
    poison_effects = "SELECT count(*) FROM effect WHERE event_id = :e"
    assert await count(database, poison_effects, e=poison.id) == 0
    rows = await count(
        database,
        "SELECT count(*) FROM dead_letter WHERE event_id = :e AND deliveries = 3",
        e=poison.id,
    )
    assert rows == 1
    nc = await nats.connect(infra.nats_url)
    try:
        info = await nc.jetstream().stream_info(
            STREAM_NAME, subjects_filter=dead_letter_subject(producer, spec.durable)
        )
    finally:
        await nc.close()
    assert info.state.subjects == {dead_letter_subject(producer, spec.durable): 1}
