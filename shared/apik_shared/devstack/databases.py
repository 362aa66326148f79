"""One database and one role per component, on whichever server we were given."""

from __future__ import annotations

import secrets
from urllib.parse import quote, urlsplit, urlunsplit

import asyncpg

from apik_shared.platform.settings import to_plain_postgres_url


def _with_credentials(admin_url: str, *, user: str, password: str, database: str) -> str:
    parts = urlsplit(to_plain_postgres_url(admin_url))
    host = parts.hostname or "127.0.0.1"
    netloc = f"{quote(user)}:{quote(password)}@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, f"/{database}", parts.query, ""))


async def ensure_database(admin_url: str, name: str, *, password: str | None = None) -> str:
    """Creates role `name` and database `name` owned by it (if missing), which no other
    role but the superuser may connect to; returns its URL.

    `password` is set on every call so a re-run with a new one keeps working; without
    one a random password is used (fine for throw-away test databases).
    """
    password = password or secrets.token_urlsafe(18)
    conn = await asyncpg.connect(to_plain_postgres_url(admin_url))
    try:
        role = await conn.fetchval("SELECT 1 FROM pg_roles WHERE rolname = $1", name)
        quoted = '"' + name.replace('"', '""') + '"'
        # Role passwords cannot be bind parameters; this literal is escaped by PostgreSQL.
        literal = await conn.fetchval("SELECT quote_literal($1)", password)
        verb = "ALTER" if role else "CREATE"
        await conn.execute(f"{verb} ROLE {quoted} LOGIN PASSWORD {literal}")
        exists = await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name)
        if not exists:
            await conn.execute(f"CREATE DATABASE {quoted} OWNER {quoted}")
        # Every role may connect to every database by default; a component's role gets
        # into its own only, whatever the server's pg_hba.conf allows.
        await conn.execute(f"REVOKE ALL ON DATABASE {quoted} FROM PUBLIC")
    finally:
        await conn.close()
    return _with_credentials(admin_url, user=name, password=password, database=name)


async def drop_database(admin_url: str, name: str) -> None:
    conn = await asyncpg.connect(to_plain_postgres_url(admin_url))
    try:
        quoted = '"' + name.replace('"', '""') + '"'
        await conn.execute(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)")
    finally:
        await conn.close()
