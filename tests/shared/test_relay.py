"""The outbox relay against real PostgreSQL, with a JetStream stand-in that records what it
was asked to publish: rows are claimed with SKIP LOCKED, each message carries
`Nats-Msg-Id` = the event id, and a row that failed to publish stays for the next pass."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any, cast

import pytest
import sqlalchemy as sa
from nats.js import JetStreamContext

from apik_shared.platform.db import Database
from apik_shared.platform.events.envelope import CloudEvent
from apik_shared.platform.events.outbox import Outbox
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
