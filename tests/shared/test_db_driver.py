"""`driver_connection`: statements a hot path sends on asyncpg directly belong to the
session's transaction, whether or not SQLAlchemy sent anything first, and whatever the
session does with it (commit, rollback) they share."""

from __future__ import annotations

import uuid

import sqlalchemy as sa

from apik_shared.platform.db import Database, driver_connection
from apik_testing.infra import TestInfra

TABLE = "CREATE TABLE IF NOT EXISTS driver_probe (id uuid PRIMARY KEY, note text)"


async def _count(db: Database, probe: uuid.UUID) -> int:
    async with db.sessions() as session:
        found = await session.execute(
            sa.text("SELECT count(*) FROM driver_probe WHERE id = :id"), {"id": probe}
        )
        return int(found.scalar_one())


async def _database(infra: TestInfra) -> Database:
    db = Database(await infra.adatabase("db_driver"), pool_size=2)
    async with db.sessions() as session:
        await session.execute(sa.text(TABLE))
        await session.commit()
    return db


async def test_a_statement_sent_first_on_the_driver_rolls_back_with_the_session(
    infra: TestInfra,
) -> None:
    db = await _database(infra)
    probe = uuid.uuid4()
    try:
        async with db.sessions() as session:
            # Nothing sent through SQLAlchemy yet: its transaction is begun lazily.
            connection = await driver_connection(session)
            await connection.execute("INSERT INTO driver_probe VALUES ($1, 'raw')", probe)
            assert connection.is_in_transaction()
            await session.rollback()
        assert await _count(db, probe) == 0
    finally:
        await db.dispose()


async def test_driver_and_sqlalchemy_statements_commit_together(infra: TestInfra) -> None:
    db = await _database(infra)
    first, second = uuid.uuid4(), uuid.uuid4()
    try:
        async with db.sessions() as session:
            await session.execute(
                sa.text("INSERT INTO driver_probe VALUES (:id, 'orm')"), {"id": first}
            )
            connection = await driver_connection(session)
            await connection.execute("INSERT INTO driver_probe VALUES ($1, 'raw')", second)
            # Both in one transaction: a second session sees neither before the commit.
            assert await _count(db, first) == await _count(db, second) == 0
            await session.commit()
        assert await _count(db, first) == await _count(db, second) == 1
    finally:
        await db.dispose()


async def _plan_mode(connection: object) -> str:
    return str(await connection.fetchval("SHOW plan_cache_mode"))  # type: ignore[attr-defined]


async def test_generic_plans_hold_for_the_transaction_it_begins_and_it_commits(
    infra: TestInfra,
) -> None:
    db = await _database(infra)
    probe, later = uuid.uuid4(), uuid.uuid4()
    try:
        async with db.sessions() as session:
            connection = await driver_connection(session, generic_plans=True)
            assert connection.is_in_transaction()
            assert await _plan_mode(connection) == "force_generic_plan"
            await connection.execute("INSERT INTO driver_probe VALUES ($1, 'raw')", probe)
            # SQLAlchemy's own statements run in the same transaction, and it ends it.
            await session.execute(
                sa.text("INSERT INTO driver_probe VALUES (:id, 'orm')"), {"id": later}
            )
            assert await _count(db, probe) == 0
            await session.commit()
            assert not connection.is_in_transaction()
            # SET LOCAL: the connection's next transaction plans as it always did.
            assert await _plan_mode(await driver_connection(session)) == "auto"
            await session.rollback()
        assert await _count(db, probe) == await _count(db, later) == 1
    finally:
        await db.dispose()


async def test_generic_plans_roll_back_with_the_session(infra: TestInfra) -> None:
    db = await _database(infra)
    probe = uuid.uuid4()
    try:
        async with db.sessions() as session:
            connection = await driver_connection(session, generic_plans=True)
            await connection.execute("INSERT INTO driver_probe VALUES ($1, 'raw')", probe)
            await session.rollback()
            assert not connection.is_in_transaction()
        assert await _count(db, probe) == 0
    finally:
        await db.dispose()


async def test_generic_plans_on_a_transaction_already_begun(infra: TestInfra) -> None:
    db = await _database(infra)
    probe = uuid.uuid4()
    try:
        async with db.sessions() as session:
            await session.execute(
                sa.text("INSERT INTO driver_probe VALUES (:id, 'orm')"), {"id": probe}
            )
            connection = await driver_connection(session, generic_plans=True)
            assert await _plan_mode(connection) == "force_generic_plan"
            await session.commit()
        assert await _count(db, probe) == 1
    finally:
        await db.dispose()


async def test_generic_plans_prefer_indexes_for_the_transaction_alone(infra: TestInfra) -> None:
    """A generic plan outlives the transaction that made it: planned while a table is
    small, a sequential scan would stay the plan after the table has grown."""
    db = await _database(infra)
    try:
        async with db.sessions() as session:
            connection = await driver_connection(session, generic_plans=True)
            assert await connection.fetchval("SHOW enable_seqscan") == "off"
            await session.commit()
            following = await driver_connection(session)
            assert await following.fetchval("SHOW enable_seqscan") == "on"
            await session.rollback()
    finally:
        await db.dispose()
