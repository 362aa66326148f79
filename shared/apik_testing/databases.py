"""A test module's own database with the platform's tables (outbox, inbox, …)."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

import sqlalchemy as sa

from apik_shared.platform.db import Database
from apik_shared.platform.tables import metadata as platform_metadata
from apik_testing.infra import TestInfra


@contextlib.asynccontextmanager
async def platform_database(
    infra: TestInfra, name: str, *extra: sa.MetaData
) -> AsyncIterator[Database]:
    """The database `name` with the platform's tables and any `extra` ones; disposed after."""
    db = Database(await infra.adatabase(name))
    async with db.engine.begin() as conn:
        for metadata in (platform_metadata, *extra):
            await conn.run_sync(metadata.create_all)
    try:
        yield db
    finally:
        await db.dispose()
