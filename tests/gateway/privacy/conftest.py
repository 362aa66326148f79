"""Privacy registers' fixtures: a fresh office per test and its people by role.

A fresh office keeps each test's listings its own; the users are created by the
bootstrap administrator (national), who may grant `dpo` alone.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable

import asyncpg
import pytest

from apik_shared.platform.settings import to_plain_postgres_url
from tests.gateway.builders import GatewayUnderTest

Headers = dict[str, str]
SignIn = Callable[..., Awaitable[Headers]]


@pytest.fixture
async def office(gateway: GatewayUnderTest) -> str:
    code = f"P{secrets.token_hex(3).upper()}"
    await gateway.create_office(code)
    return code


@pytest.fixture
async def other_office(gateway: GatewayUnderTest) -> str:
    code = f"Q{secrets.token_hex(3).upper()}"
    await gateway.create_office(code)
    return code


@pytest.fixture
def signed_in(gateway: GatewayUnderTest) -> SignIn:
    """`await signed_in("dpo", office=…)`: the headers of a new user with those roles."""

    async def sign_in(*roles: str, office: str) -> Headers:
        user = await gateway.create_user(*roles, office=office)
        return await gateway.headers(user["username"], user["password"])

    return sign_in


@pytest.fixture
def stored_row(gateway: GatewayUnderTest) -> Callable[[str, str], Awaitable[str]]:
    """The row of `table` with `id`, as the database holds it: every column, as text."""

    async def read(table: str, row_id: str) -> str:
        conn = await asyncpg.connect(to_plain_postgres_url(gateway.settings.database_url))
        try:
            row = await conn.fetchrow(f"SELECT t::text FROM {table} t WHERE id = $1::uuid", row_id)
        finally:
            await conn.close()
        assert row is not None
        return str(row[0])

    return read
