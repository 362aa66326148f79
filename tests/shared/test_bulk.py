"""Rows as one JSON parameter, read back into typed rows by PostgreSQL: every type a
service's batch writes comes back as it went in, NULLs and JSON included, and ON CONFLICT
works on it."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB

from apik_shared.platform.bulk import as_json, insert_from_json
from apik_shared.platform.db import Database
from apik_testing.infra import TestInfra

metadata = sa.MetaData()
things = sa.Table(
    "thing",
    metadata,
    sa.Column("id", sa.Uuid, primary_key=True),
    sa.Column("name", sa.String(32), nullable=False, unique=True),
    sa.Column("size", sa.Integer),
    sa.Column("on_day", sa.Date),
    sa.Column("at", sa.DateTime(timezone=True)),
    sa.Column("flag", sa.Boolean),
    sa.Column("data", JSONB),
    sa.Column("score", sa.Numeric(6, 2)),
    sa.Column("big", sa.BigInteger),
    sa.Column("mood", sa.Enum("calm", "cross", name="thing_mood")),
)
WIB = timezone(timedelta(hours=7))


@pytest.fixture
async def database(infra: TestInfra) -> AsyncIterator[Database]:
    db = Database(await infra.adatabase("bulk"))
    async with db.engine.begin() as conn:
        await conn.run_sync(metadata.drop_all)
        await conn.run_sync(metadata.create_all)
    yield db
    await db.dispose()


def row(name: str, **values: object) -> dict[str, object]:
    base = {"id": uuid.uuid4(), "name": name, "size": None, "on_day": None, "at": None}
    return base | {"flag": None, "data": None, "score": None, "big": None, "mood": None} | values


async def test_rows_as_json_come_back_as_they_went_in(database):
    rows = [
        row(
            "a",
            size=3,
            on_day=date(2026, 11, 24),
            at=datetime(2026, 11, 24, 1, 2, 3, tzinfo=UTC),
            flag=True,
            data={"track": "regular", "n": [1, 2]},
        ),
        row("b"),  # every optional column NULL
        row("c", data={}, flag=False, size=0),
        row(
            'd "quoted" \\ ünïcode ✓\n',
            at=datetime(2026, 12, 31, 23, 59, 59, 999999, tzinfo=WIB),  # another zone
            on_day=date(1900, 1, 1),
            data=["a", None, {"x": 1.5}],
            score=Decimal("1234.56"),
            big=2**62,
            mood="cross",
        ),
        row("e", data="a JSON text", score=Decimal("-0.01"), size=-(2**31)),
    ]
    statement = insert_from_json(things, tuple(rows[0])).returning(things.c.name)
    async with database.sessions() as session, session.begin():
        inserted = await session.execute(statement, as_json(rows))
        assert sorted(inserted.scalars()) == ["a", "b", "c", 'd "quoted" \\ ünïcode ✓\n', "e"]
    async with database.sessions() as session:
        stored = (await session.execute(sa.select(things).order_by(things.c.name))).all()
    assert [dict(r._mapping) for r in stored] == rows
    assert stored[3].at.utcoffset() == timedelta(0)  # the same instant, read back in UTC


async def test_a_naive_instant_counts_as_utc(database):
    """As asyncpg takes one: the server's zone plays no part."""
    naive = row("a", at=datetime(2026, 11, 24, 1, 2, 3))
    async with database.sessions() as session, session.begin():
        await session.execute(sa.text("SET LOCAL timezone = 'Asia/Jayapura'"))
        await session.execute(insert_from_json(things, tuple(naive)), as_json([naive]))
    async with database.sessions() as session:
        stored = (await session.execute(sa.select(things.c.at))).scalar_one()
    assert stored == datetime(2026, 11, 24, 1, 2, 3, tzinfo=UTC)


async def test_conflicting_rows_are_skipped_within_and_across_statements(database):
    first = [row("a"), row("b")]
    again = [row("b"), row("c"), row("c")]  # "b" exists; "c" twice in one statement
    statement = (
        insert_from_json(things, tuple(first[0]))
        .on_conflict_do_nothing(index_elements=["name"])
        .returning(things.c.name)
    )
    async with database.sessions() as session, session.begin():
        assert set((await session.execute(statement, as_json(first))).scalars()) == {
            "a",
            "b",
        }
        assert list((await session.execute(statement, as_json(again))).scalars()) == ["c"]
    async with database.sessions() as session:
        names = (await session.execute(sa.select(things.c.name).order_by(things.c.name))).all()
    assert [n for (n,) in names] == ["a", "b", "c"]
