"""The servers of the at-scale benchmark: an embedded PostgreSQL tuned like a modest
production server, an embedded NATS, and the intake and reporting databases migrated,
each with its copy of the office registry (`apik_shared.platform.offices`) holding the archive's
offices, as the gateway's `office.registered` events leave it in production."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import asyncpg

from apik_shared.devstack.databases import ensure_database
from apik_shared.devstack.infra import EmbeddedNats, EmbeddedPostgres
from apik_shared.platform.db import Database
from apik_shared.platform.migrations import upgrade
from apik_shared.platform.offices import remember
from apik_shared.platform.settings import to_plain_postgres_url
from bench.scale_events import offices

# The embedded server starts with shared_buffers=128MB; a database of a million
# reports gets what a small production server would give it (set at run time, applied
# by a restart), so the figures are not those of an undersized cache.
SERVER_SETTINGS = {
    "shared_buffers": "1GB",
    "effective_cache_size": "4GB",
    "work_mem": "16MB",
    "maintenance_work_mem": "512MB",
    "max_wal_size": "4GB",
    "checkpoint_timeout": "15min",
    "random_page_cost": "1.1",
}


@dataclass
class Servers:
    postgres: EmbeddedPostgres
    nats: EmbeddedNats
    intake_url: str
    reporting_url: str
    rebuild_url: str  # a second reporting database, replayed by the rebuild

    def plain(self, url: str) -> str:
        return to_plain_postgres_url(url)


async def _configure(postgres: EmbeddedPostgres) -> None:
    conn = await asyncpg.connect(postgres.admin_url)
    try:
        for name, value in SERVER_SETTINGS.items():
            await conn.execute(f"ALTER SYSTEM SET {name} = '{value}'")
    finally:
        await conn.close()
    postgres.stop()
    postgres.start()
    await _accepting(postgres.admin_url)


async def _accepting(url: str) -> None:
    """Waits until the restarted server takes connections: its port opens while it is
    still starting up, and a connection then is refused (one run in three here)."""
    deadline = time.monotonic() + 30
    while True:
        try:
            conn = await asyncpg.connect(url)
        except asyncpg.exceptions.CannotConnectNowError:
            if time.monotonic() > deadline:
                raise
            await asyncio.sleep(0.1)
        else:
            await conn.close()
            return


async def register_offices(url: str) -> None:
    """Writes the archive's offices into the service's copy of the registry at `url`
    (what its office consumer does with the gateway's events)."""
    database = Database(url, pool_size=1)
    try:
        async with database.sessions() as session, session.begin():
            for office in offices():
                await remember(session, office)
    finally:
        await database.dispose()


@contextlib.asynccontextmanager
async def servers(tmp: Path) -> AsyncIterator[Servers]:
    """PostgreSQL and NATS in `tmp` on free ports, the three databases migrated and
    their office registries filled."""
    postgres = EmbeddedPostgres(tmp / "postgres").start()
    nats_server = EmbeddedNats(tmp / "nats").start()
    try:
        await _configure(postgres)
        urls = {
            name: await ensure_database(postgres.admin_url, f"apik_{name}")
            for name in ("intake", "reporting", "reporting_rebuild")
        }
        await upgrade(urls["intake"], "apik_intake:migrations")
        await upgrade(urls["reporting"], "apik_reporting:migrations")
        await upgrade(urls["reporting_rebuild"], "apik_reporting:migrations")
        for url in urls.values():
            await register_offices(url)
        yield Servers(
            postgres=postgres,
            nats=nats_server,
            intake_url=urls["intake"],
            reporting_url=urls["reporting"],
            rebuild_url=urls["reporting_rebuild"],
        )
    finally:
        nats_server.stop()
        postgres.stop()
