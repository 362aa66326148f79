"""Migrated databases copied from one migrated once per run (`CREATE DATABASE … TEMPLATE`).

Every test module's service under test has a database of its own, migrated to head:
hundreds per run, a second or more each (intake's 36 revisions; several seconds on a
busy machine). A copy of a database migrated once takes a fraction of that, and holds
exactly what the migrations made (the migration tests still migrate step by step).

A copy's objects belong to the template's role; they are handed to the copy's own role
(`REASSIGN OWNED`), so that the service owns its tables as if it had migrated them.
The template database itself belongs to the superuser, so that handing over never
touches it, and no service's role may connect to it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit, urlunsplit

import asyncpg

from apik_shared.devstack.databases import ensure_database
from apik_shared.platform.settings import to_plain_postgres_url


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _admin_url_of(admin_url: str, database: str) -> str:
    parts = urlsplit(to_plain_postgres_url(admin_url))
    return urlunsplit((parts.scheme, parts.netloc, f"/{database}", parts.query, ""))


async def make_template(
    admin_url: str, name: str, prepare: Callable[[str], Awaitable[None]]
) -> None:
    """Database `name`, prepared (migrated) by `prepare(its URL)` as its own role, then
    given to the superuser so that it serves as a template only."""
    await prepare(await ensure_database(admin_url, name))
    conn = await asyncpg.connect(to_plain_postgres_url(admin_url))
    try:
        await conn.execute(f"ALTER DATABASE {_quoted(name)} OWNER TO CURRENT_USER")
    finally:
        await conn.close()


async def copy_database(admin_url: str, template: str, name: str) -> str:
    """Database `name` with role `name`, a copy of `template` (`make_template`) whose
    objects belong to role `name`; returns its URL (as `ensure_database`)."""
    conn = await asyncpg.connect(to_plain_postgres_url(admin_url))
    try:
        await conn.execute(f"CREATE ROLE {_quoted(name)}")
        await conn.execute(
            f"CREATE DATABASE {_quoted(name)} OWNER {_quoted(name)} TEMPLATE {_quoted(template)}"
        )
    finally:
        await conn.close()
    # Its password and login, and no other role let in, as any component's database.
    url = await ensure_database(admin_url, name)
    conn = await asyncpg.connect(_admin_url_of(admin_url, name))
    try:
        await conn.execute(f"REASSIGN OWNED BY {_quoted(template)} TO {_quoted(name)}")
    finally:
        await conn.close()
    return url
