"""Reporting's migrations: the monthly counts stay equal to the facts across 0004 (row
triggers become statement triggers), whatever a statement changes, and back down."""

from __future__ import annotations

import asyncio
from datetime import date

import asyncpg
from alembic import command

from apik_shared.platform.migrations import alembic_config, upgrade
from apik_shared.platform.settings import to_plain_postgres_url
from apik_testing.infra import TestInfra

SCRIPTS = "apik_reporting:migrations"
COUNTED = """
SELECT month, sum(n)::int AS n FROM fact_month WHERE family = 'verified'
GROUP BY month HAVING sum(n) <> 0 ORDER BY month
"""
RECOUNTED = """
SELECT date_trunc('month', verified_on)::date AS month, count(*)::int AS n FROM report_fact
WHERE verified_on IS NOT NULL GROUP BY 1 ORDER BY 1
"""


async def _insert(conn: asyncpg.Connection, first: int, count: int, day: date) -> None:
    # One statement, many rows: what the projection sends since 0004.
    await conn.execute(
        "INSERT INTO report_fact (report_id, office, verified_on, attrs_stage)"
        " SELECT 'r' || n, 'MKS', $3::date, 3 FROM generate_series($1::int, $2::int) AS n",
        first,
        first + count - 1,
        day,
    )


async def _counts_match(conn: asyncpg.Connection) -> list[tuple[object, int]]:
    counted = [tuple(r) for r in await conn.fetch(COUNTED)]
    assert counted == [tuple(r) for r in await conn.fetch(RECOUNTED)]
    return counted


async def test_the_counts_follow_the_facts_across_0004_and_back(infra: TestInfra):
    url = await infra.adatabase("reporting_migrations")
    await upgrade(url, SCRIPTS, "0003")
    conn = await asyncpg.connect(to_plain_postgres_url(url))
    try:
        await _insert(conn, 1, 5, date(2026, 3, 10))  # counted by 0003's row triggers
        await upgrade(url, SCRIPTS)
        await _insert(conn, 6, 4, date(2026, 3, 20))
        await _insert(conn, 10, 3, date(2026, 4, 2))
        # One statement moving rows between months, one deleting some, one upsert that
        # inserts a row and updates another.
        await conn.execute(
            "UPDATE report_fact SET verified_on = '2026-04-15' WHERE report_id IN ('r1', 'r2')"
        )
        await conn.execute("DELETE FROM report_fact WHERE report_id IN ('r6', 'r10')")
        await conn.execute(
            "INSERT INTO report_fact (report_id, office, verified_on, attrs_stage)"
            " VALUES ('r3', 'MKS', '2026-05-01', 3), ('r99', 'MKS', '2026-05-01', 3)"
            " ON CONFLICT (report_id) DO UPDATE SET verified_on = excluded.verified_on"
        )
        assert [n for _, n in await _counts_match(conn)] == [5, 4, 2]

        config = alembic_config(url, SCRIPTS)
        await asyncio.to_thread(command.downgrade, config, "0003")
        await conn.execute("DELETE FROM report_fact WHERE report_id = 'r99'")
        assert [n for _, n in await _counts_match(conn)] == [5, 4, 1]
    finally:
        await conn.close()
