"""Prevention's migrations: 0010 adds the overdue announcement's mark to subject requests
and the day a member left; existing rows keep their data with neither set, and it goes
back down."""

from __future__ import annotations

import asyncio

import asyncpg
from alembic import command

from apik_shared.platform.migrations import alembic_config, upgrade
from apik_shared.platform.settings import to_plain_postgres_url
from apik_testing.infra import TestInfra

SCRIPTS = "apik_prevention:migrations"


async def _columns(conn: asyncpg.Connection, table: str) -> set[str]:
    rows = await conn.fetch(
        "SELECT column_name FROM information_schema.columns WHERE table_name = $1", table
    )
    return {r["column_name"] for r in rows}


async def test_0010_adds_the_marks_and_goes_back_down(infra: TestInfra) -> None:
    url = await infra.adatabase("prevention_0010")
    await upgrade(url, SCRIPTS, "0009")
    conn = await asyncpg.connect(to_plain_postgres_url(url))
    try:
        await conn.execute(
            "INSERT INTO community_member (id, office, identity, has_contact, consent_scope,"
            " status, source, created_by) VALUES (gen_random_uuid(), 'KAB', 'sealed', false,"
            " '[]', 'inactive', 'office', 'x')"
        )
        await upgrade(url, SCRIPTS)
        assert "overdue_announced_at" in await _columns(conn, "subject_request")
        assert "left_on" in await _columns(conn, "community_member")
        # Who left before the day was kept has none: nothing to backfill it from.
        assert await conn.fetchval("SELECT left_on FROM community_member") is None

        await asyncio.to_thread(command.downgrade, alembic_config(url, SCRIPTS), "0009")
        assert "overdue_announced_at" not in await _columns(conn, "subject_request")
        assert "left_on" not in await _columns(conn, "community_member")
        assert await conn.fetchval("SELECT count(*) FROM community_member") == 1
    finally:
        await conn.close()
