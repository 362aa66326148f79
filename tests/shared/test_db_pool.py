"""The connection pool against real PostgreSQL: a connection opened for a burst is kept for
the next one, and a burst past the pool's size waits rather than opening connections it
would close again (each one a backend forked and warmed up in PostgreSQL)."""

from __future__ import annotations

import asyncio

import asyncpg
import sqlalchemy as sa

from apik_shared.platform.db import Database
from apik_testing.infra import TestInfra

SIZE = 4


async def backends_of_a_burst(db: Database, width: int) -> set[int]:
    """The server processes serving `width` sessions held at the same time."""
    started = asyncio.Barrier(width)

    async def one() -> int:
        async with db.sessions() as session:
            pid = (await session.execute(sa.text("SELECT pg_backend_pid()"))).scalar_one()
            await started.wait()  # every session holds its connection at once
            return int(pid)

    return set(await asyncio.gather(*(one() for _ in range(width))))


async def test_a_burst_to_the_pool_size_reuses_the_connections_of_the_one_before(
    infra: TestInfra,
) -> None:
    db = Database(await infra.adatabase("db_pool"), pool_size=SIZE)
    try:
        first = await backends_of_a_burst(db, SIZE)
        assert len(first) == SIZE
        for _ in range(3):
            assert await backends_of_a_burst(db, SIZE) == first
    finally:
        await db.dispose()


async def test_sessions_past_the_pool_size_wait_for_a_connection(infra: TestInfra) -> None:
    db = Database(await infra.adatabase("db_pool"), pool_size=SIZE)
    try:
        async with db.sessions() as first, db.sessions() as second:
            await first.execute(sa.text("SELECT 1"))
            await second.execute(sa.text("SELECT 1"))
            # Two held, two free: a burst of the full size waits for these two.
            waiting = asyncio.create_task(backends_of_a_burst(db, SIZE))
            await asyncio.sleep(0.3)
            assert not waiting.done()
        assert len(await waiting) == SIZE
    finally:
        await db.dispose()


async def test_a_connection_the_server_closed_is_replaced_not_handed_out(
    infra: TestInfra,
) -> None:
    """The pool pings no connection in use moments ago (asyncpg's ping is three round
    trips), yet never hands out one the server closed (as a restart closes them all):
    the socket's close is seen, and the session gets a new connection, not an error."""
    db = Database(await infra.adatabase("db_pool"), pool_size=1)
    try:
        async with db.sessions() as session:
            pid = (await session.execute(sa.text("SELECT pg_backend_pid()"))).scalar_one()
        admin = await asyncpg.connect(infra.postgres_admin_url)
        try:
            assert await admin.fetchval("SELECT pg_terminate_backend($1)", pid)
        finally:
            await admin.close()
        await asyncio.sleep(0.2)  # the event loop sees the socket close
        async with db.sessions() as session:
            again = (await session.execute(sa.text("SELECT pg_backend_pid()"))).scalar_one()
        assert again != pid
    finally:
        await db.dispose()
