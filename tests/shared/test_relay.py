"""The outbox relay against real PostgreSQL, with a JetStream stand-in that records what it
was asked to publish: rows are claimed with SKIP LOCKED, each message carries
`Nats-Msg-Id` = the event id, and a row that failed to publish stays for the next pass."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any, cast

import pytest
import sqlalchemy as sa
from nats.js import JetStreamContext

from apik_shared.platform.db import Database
from apik_shared.platform.events.envelope import CloudEvent
from apik_shared.platform.events.outbox import Committed, Outbox
from apik_shared.platform.events.relay import OutboxRelay
from apik_testing.databases import platform_database
from apik_testing.infra import TestInfra


class RecordingStream:
    """Records publishes; `hold` keeps each publish waiting until released."""

    def __init__(self, *, fail_ids: frozenset[str] = frozenset()) -> None:
        self.published: list[tuple[str, str, CloudEvent]] = []  # subject, msg id, event
        self.fail_ids = fail_ids
        self.hold = asyncio.Event()
        self.hold.set()
        self.waiting = asyncio.Event()

    async def publish(self, subject: str, payload: bytes, **options: Any) -> None:
        """JetStreamContext.publish's signature, as the relay calls it."""
        headers: dict[str, str] = options["headers"]
        self.waiting.set()
        await self.hold.wait()
        event = CloudEvent.from_json(payload)
        if event.id in self.fail_ids:
            raise TimeoutError("no answer from JetStream")
        self.published.append((subject, headers["Nats-Msg-Id"], event))

    async def publish_async(self, subject: str, payload: bytes, **options: Any) -> asyncio.Task:
        """JetStreamContext.publish_async's: the acknowledgement comes later."""
        return asyncio.create_task(self.publish(subject, payload, **options))

    def js(self) -> JetStreamContext:
        return cast(JetStreamContext, self)


@pytest.fixture
async def database(infra: TestInfra) -> AsyncIterator[Database]:
    async with platform_database(infra, "relay") as db:
        yield db


def relay_for(db: Database, stream: RecordingStream) -> OutboxRelay:
    async def jetstream() -> JetStreamContext:
        return stream.js()

    return OutboxRelay(sessions=db.sessions, jetstream=jetstream)


async def add_events(db: Database, count: int) -> list[CloudEvent]:
    outbox = Outbox("intake")
    async with db.sessions() as session, session.begin():
        return [
            await outbox.add(session, "report.verified", {"n": n}, subject=f"r{n}")
            for n in range(count)
        ]


async def unsent(db: Database) -> list[dict[str, Any]]:
    async with db.sessions() as session:
        rows = await session.execute(
            sa.text("SELECT id::text, attempts, last_error FROM outbox WHERE sent_at IS NULL")
        )
        return [dict(row._mapping) for row in rows]


async def test_two_relays_side_by_side_publish_each_row_once(database: Database) -> None:
    events = await add_events(database, 3)
    first, second = RecordingStream(), RecordingStream()
    first.hold.clear()  # the first relay claims the rows, then waits inside its publish
    busy = asyncio.create_task(relay_for(database, first).relay_batch(first.js()))
    await asyncio.wait_for(first.waiting.wait(), 5)
    # The rows are locked by the first relay: the second skips them instead of waiting.
    assert await asyncio.wait_for(relay_for(database, second).relay_batch(second.js()), 5) == (
        0,
        True,
    )
    first.hold.set()
    assert await busy == (3, True)
    assert second.published == []
    assert sorted(msg_id for _, msg_id, _ in first.published) == sorted(e.id for e in events)
    for subject, msg_id, event in first.published:
        assert subject == "apik.intake.report.verified"
        assert msg_id == event.id  # JetStream's duplicate window keys on it
    assert await unsent(database) == []
    # Nothing left: a later pass publishes nothing again.
    assert await relay_for(database, second).relay_batch(second.js()) == (0, True)


async def test_a_row_that_failed_to_publish_is_kept_for_the_next_pass(
    database: Database,
) -> None:
    good, bad = await add_events(database, 2)
    failing = RecordingStream(fail_ids=frozenset({bad.id}))
    assert await relay_for(database, failing).relay_batch(failing.js()) == (1, False)
    assert [e.id for _, _, e in failing.published] == [good.id]
    [left] = await unsent(database)
    assert left["id"] == bad.id and left["attempts"] == 1 and "TimeoutError" in left["last_error"]
    healthy = RecordingStream()
    assert await relay_for(database, healthy).relay_batch(healthy.js()) == (1, True)
    assert [e.id for _, _, e in healthy.published] == [bad.id]
    assert await unsent(database) == []


async def all_rows(db: Database) -> int:
    async with db.sessions() as session:
        return int((await session.execute(sa.text("SELECT count(*) FROM outbox"))).scalar_one())


def handed_off(events: list[CloudEvent]) -> list[Committed]:
    return [Committed(e.id, "apik.intake.report.verified", e.to_json()) for e in events]


async def test_the_fast_path_deletes_what_several_commits_sent_in_one_statement(
    database: Database,
) -> None:
    stream = RecordingStream()
    relay = relay_for(database, stream)
    first, second = await add_events(database, 2), await add_events(database, 3)
    statements: list[str] = []

    def seen(conn: Any, cursor: Any, statement: str, *_: Any) -> None:
        statements.append(statement)

    sa.event.listen(database.engine.sync_engine, "before_cursor_execute", seen)
    try:
        await relay.publish_direct(stream.js(), handed_off(first))
        await relay.publish_direct(stream.js(), handed_off(second))
        assert await all_rows(database) == 5  # published, waiting to be deleted together
        await relay.settle()
    finally:
        sa.event.remove(database.engine.sync_engine, "before_cursor_execute", seen)
    assert len(stream.published) == 5
    assert await all_rows(database) == 0
    assert len([s for s in statements if s.startswith("DELETE FROM outbox")]) == 1


async def test_rows_sent_but_not_yet_deleted_when_the_relay_stops_are_published_again_once(
    database: Database,
) -> None:
    # The process stops mid-batch: the stream took the rows, their delete never ran.
    events = await add_events(database, 4)
    stopped = RecordingStream()
    await relay_for(database, stopped).publish_direct(stopped.js(), handed_off(events))
    assert await all_rows(database) == 4
    # The next relay (a restart) finds them unsent and publishes each once more, with
    # its event id as Nats-Msg-Id, which the stream's duplicate window drops.
    restarted = RecordingStream()
    assert await relay_for(database, restarted).relay_batch(restarted.js()) == (4, True)
    assert sorted(m for _, m, _ in restarted.published) == sorted(e.id for e in events)
    assert await all_rows(database) == 0


async def test_a_poll_deletes_the_waiting_rows_before_it_looks_for_unsent_ones(
    database: Database,
) -> None:
    events = await add_events(database, 3)
    stream = RecordingStream()
    relay = relay_for(database, stream)
    await relay.publish_direct(stream.js(), handed_off(events))
    relay.wake()  # a poll is due: the run loop settles, then polls
    running = asyncio.create_task(relay.run())
    try:
        for _ in range(100):
            if await all_rows(database) == 0:
                break
            await asyncio.sleep(0.05)
    finally:
        running.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await running
    assert await all_rows(database) == 0
    assert len(stream.published) == 3  # none published a second time by the poll


async def test_a_failed_delete_keeps_the_rows_waiting_for_the_next(database: Database) -> None:
    events = await add_events(database, 2)
    stream = RecordingStream()
    relay = relay_for(database, stream)
    await relay.publish_direct(stream.js(), handed_off(events))

    def broken() -> Any:
        raise ConnectionError("PostgreSQL is away")

    with pytest.MonkeyPatch.context() as patched, pytest.raises(ConnectionError):
        patched.setattr(relay, "_sessions", broken)
        await relay.settle()
    assert await all_rows(database) == 2
    await relay.settle()
    assert await all_rows(database) == 0
