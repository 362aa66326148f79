"""Prevention's 0007 (publications, social media, innovations, villages): its tables
match the models column for column, and it goes down to 0006 and up again."""

from __future__ import annotations

import asyncio

import asyncpg
from alembic import command
from sqlalchemy import Table

from apik_prevention.models import Article, Innovation, PressReleaseCounter, SocialPost, Village
from apik_shared.platform.migrations import alembic_config, upgrade
from apik_shared.platform.settings import to_plain_postgres_url
from apik_testing.infra import TestInfra

SCRIPTS = "apik_prevention:migrations"
MODELS = (Article, PressReleaseCounter, SocialPost, Innovation, Village)
# SQLModel gives every table class its `__table__` without declaring it (as in the services).
TABLES: tuple[Table, ...] = tuple(model.__table__ for model in MODELS)  # type: ignore[union-attr]
COLUMNS = """
SELECT column_name, is_nullable = 'YES' AS nullable FROM information_schema.columns
WHERE table_schema = 'public' AND table_name = $1
"""
INDEXED = "SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = $1"


async def test_0007_matches_the_models_and_goes_down_and_up(infra: TestInfra) -> None:
    url = await infra.adatabase("prevention_migrations")
    await upgrade(url, SCRIPTS)
    conn = await asyncpg.connect(to_plain_postgres_url(url))
    try:
        for table in TABLES:
            found = {r["column_name"]: r["nullable"] for r in await conn.fetch(COLUMNS, table.name)}
            assert found == {c.name: c.nullable for c in table.columns}, table.name
            indexes = " ".join(r["indexdef"] for r in await conn.fetch(INDEXED, table.name))
            for index in table.indexes:
                assert index.name is not None, table.name  # models name every index
                assert f"ix_{table.name}_" in indexes and index.name in indexes, index.name
        config = alembic_config(url, SCRIPTS)
        await asyncio.to_thread(command.downgrade, config, "0006")
        names = {r["tablename"] for r in await conn.fetch("SELECT tablename FROM pg_tables")}
        assert not names & {table.name for table in TABLES}
        await upgrade(url, SCRIPTS)
        names = {r["tablename"] for r in await conn.fetch("SELECT tablename FROM pg_tables")}
        assert {table.name for table in TABLES} <= names
    finally:
        await conn.close()
