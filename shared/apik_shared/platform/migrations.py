"""Alembic per service, driven from code.

Each service keeps `migrations/versions/` and a one-line `env.py` that calls
`run_env()`; `upgrade()` applies them, so `make up`, the test harness and the
containers all migrate the same way.
"""

from __future__ import annotations

import asyncio
import threading
from importlib import resources

from alembic import command, context
from alembic.config import Config
from sqlalchemy import pool, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine
from sqlmodel import SQLModel

from apik_shared.platform.settings import to_asyncpg_url


def alembic_config(database_url: str, script_location: str) -> Config:
    """`script_location` is `package:folder`, e.g. `apik_intake:migrations`."""
    package, _, folder = script_location.partition(":")
    path = resources.files(package).joinpath(folder or "migrations")
    config = Config()
    config.set_main_option("script_location", str(path))
    config.set_main_option("sqlalchemy.url", to_asyncpg_url(database_url).replace("%", "%%"))
    return config


_one_at_a_time = threading.Lock()


async def upgrade(database_url: str, script_location: str, revision: str = "head") -> None:
    config = alembic_config(database_url, script_location)

    # Alembic's command API is synchronous and runs our async env inside its own loop;
    # its migration context is a module global, so two upgrades must never overlap.
    def run() -> None:
        with _one_at_a_time:
            command.upgrade(config, revision)

    await asyncio.to_thread(run)


def _run_sync(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=SQLModel.metadata)
    with context.begin_transaction():
        # Replicas starting together migrate one after the other, not at the same time.
        connection.execute(text("SELECT pg_advisory_xact_lock(hashtext('apik-migrations'))"))
        context.run_migrations()


async def _run_online(url: str) -> None:
    engine = create_async_engine(url, poolclass=pool.NullPool)
    async with engine.connect() as connection:
        await connection.run_sync(_run_sync)
    await engine.dispose()


def run_env() -> None:
    """The body of every service's `migrations/env.py`."""
    url = context.config.get_main_option("sqlalchemy.url")
    assert url, "sqlalchemy.url is set by alembic_config()"
    asyncio.run(_run_online(url))
