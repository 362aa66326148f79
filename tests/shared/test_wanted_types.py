"""A consumer's `wanted_types` read runs outside a transaction (one round trip, not
three), and the pooled connection it used goes back to the pool transactional: the
next session's rollback still undoes its writes."""

from __future__ import annotations

from collections.abc import AsyncIterator, Collection

import nats
import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from apik_shared.platform.db import Database
from apik_shared.platform.events.consumer import Consumer, ConsumerSpec
from apik_shared.platform.events.envelope import CloudEvent
from apik_shared.platform.tables import metadata as platform_metadata
from apik_testing.infra import TestInfra

marks = sa.Table("wanted_mark", sa.MetaData(), sa.Column("n", sa.Integer, nullable=False))


@pytest.fixture
async def database(infra: TestInfra) -> AsyncIterator[Database]:
    # One connection: the wanted read and the session after it share it.
    db = Database(await infra.adatabase("wanted"), pool_size=1)
    async with db.engine.begin() as conn:
        for metadata in (platform_metadata, marks.metadata):
            await conn.run_sync(metadata.create_all)
    try:
        yield db
    finally:
        await db.dispose()


async def test_the_wanted_read_leaves_its_connection_transactional(
    infra: TestInfra, database: Database
) -> None:
    alone: list[bool] = []

    async def wanted(session: AsyncSession) -> Collection[str]:
        # In no transaction, each statement is a transaction of its own.
        first, second = [
            (await session.execute(sa.text("SELECT txid_current()"))).scalar_one() for _ in range(2)
        ]
        alone.append(first != second)
        return {"thing.happened"}

    async def ignore(session: AsyncSession, event: CloudEvent) -> None:
        return None

    consumer = Consumer(
        ConsumerSpec(
            durable="wanted", subjects=["apik.wanted.>"], handler=ignore, wanted_types=wanted
        ),
        service="wanted",
        sessions=database.sessions,
    )
    nc = await nats.connect(infra.nats_url)
    try:
        await consumer.handle_batch([], nc.jetstream())
    finally:
        await nc.close()
    assert alone == [True]

    with pytest.raises(RuntimeError):
        async with database.sessions() as session, session.begin():
            await session.execute(sa.insert(marks).values(n=1))
            raise RuntimeError("rolled back")
    async with database.sessions() as session:
        left = (await session.execute(sa.select(sa.func.count()).select_from(marks))).scalar_one()
    assert left == 0
