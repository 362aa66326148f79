"""Integration's migrations go up to the head and all the way down again, leaving an
empty database, and up again."""

from __future__ import annotations

import asyncio

import asyncpg
from alembic import command

from apik_shared.platform.migrations import alembic_config, upgrade
from apik_shared.platform.settings import to_plain_postgres_url
from apik_testing.infra import TestInfra

SCRIPTS = "apik_integration:migrations"
TABLES = "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"


async def test_up_down_and_up_again(infra: TestInfra) -> None:
    url = await infra.adatabase("integration")
    await upgrade(url, SCRIPTS)
    conn = await asyncpg.connect(to_plain_postgres_url(url))
    try:
        tables = {r["tablename"] for r in await conn.fetch(TABLES)}
        assert {
            "webhook_subscription",
            "webhook_delivery",
            "inbound_update",
            "portal_link",
            "portal_send",
            "portal_update",
            "outbox",
            "inbox",
        } <= tables
        config = alembic_config(url, SCRIPTS)
        await asyncio.to_thread(command.downgrade, config, "base")
        left = {r["tablename"] for r in await conn.fetch(TABLES)} - {"alembic_version"}
        assert left == set()
        await upgrade(url, SCRIPTS)
        assert {r["tablename"] for r in await conn.fetch(TABLES)} == tables
    finally:
        await conn.close()
