"""The public rate limit cannot be dodged: not by writing X-Forwarded-For, not by
spreading requests over the replicas (issue 16, item 5).

Each gateway here is real (uvicorn with its defaults, as `make up` runs it) and keeps
the limit in a database of this module's own; gateways that should not share a limit
are given different secrets (the key of a client is a keyed hash).
"""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator, Sequence
from contextlib import AsyncExitStack, asynccontextmanager

import httpx
import pytest

from apik_gateway.app import create_app
from apik_testing.infra import TestInfra
from tests.gateway.builders import PUBLIC_BURST, gateway_settings, migrated_database
from tests.gateway.servers import serve

PING = "/api/v1/fake/public/ping"
ECHO = "/api/v1/fake/echo/who"


@pytest.fixture(scope="module")
async def limit_database(infra: TestInfra) -> str:
    return await migrated_database(infra)


@asynccontextmanager
async def replicas(
    database: str, fake_service: str, count: int = 1, **overrides: object
) -> AsyncIterator[Sequence[httpx.AsyncClient]]:
    """`count` gateways on one database and one secret: replicas of one deployment."""
    secret = secrets.token_hex(16)
    async with AsyncExitStack() as stack:
        clients = []
        for _ in range(count):
            settings = gateway_settings(
                database, service_urls={"fake": fake_service}, secret_key=secret, **overrides
            )
            url = await stack.enter_async_context(serve(create_app(settings)))
            clients.append(await stack.enter_async_context(httpx.AsyncClient(base_url=url)))
        yield clients


def _someone() -> str:
    return f"198.51.100.{secrets.randbelow(254) + 1}"


async def test_a_new_x_forwarded_for_on_each_request_does_not_escape_the_limit(
    limit_database: str, fake_service: str
) -> None:
    async with replicas(limit_database, fake_service) as [gateway]:
        statuses = [
            (await gateway.get(PING, headers={"X-Forwarded-For": _someone()})).status_code
            for _ in range(PUBLIC_BURST + 3)
        ]
    assert statuses == [200] * PUBLIC_BURST + [429] * 3


async def test_two_replicas_share_the_limit(limit_database: str, fake_service: str) -> None:
    async with replicas(limit_database, fake_service, count=2) as [first, second]:
        statuses = [
            (await (first if i % 2 else second).get(PING)).status_code
            for i in range(PUBLIC_BURST + 3)
        ]
        refused = await first.get(PING)
    assert statuses == [200] * PUBLIC_BURST + [429] * 3
    assert refused.json()["type"] == "/problems/too-many-requests"
    assert int(refused.headers["retry-after"]) >= 1


async def test_a_configured_proxy_is_believed_per_client(
    limit_database: str, fake_service: str
) -> None:
    async with replicas(limit_database, fake_service, trusted_proxies=["127.0.0.0/8"]) as [gateway]:
        flooding, other = _someone(), "203.0.113.5"
        for _ in range(PUBLIC_BURST):
            await gateway.get(PING, headers={"X-Forwarded-For": flooding})
        assert (await gateway.get(PING, headers={"X-Forwarded-For": flooding})).status_code == 429
        # Another citizen behind the same proxy keeps their own allowance.
        assert (await gateway.get(PING, headers={"X-Forwarded-For": other})).status_code == 200
        # The service is told the client the gateway decided on, not the chain.
        echo = await gateway.get(ECHO, headers={"X-Forwarded-For": f"6.6.6.6, {other}"})
    seen = [value for name, value in echo.json()["headers"] if name == "x-forwarded-for"]
    assert seen == [other]


async def test_the_service_is_not_told_a_forged_address(
    limit_database: str, fake_service: str
) -> None:
    async with replicas(limit_database, fake_service) as [gateway]:
        echo = await gateway.get(ECHO, headers={"X-Forwarded-For": "6.6.6.6"})
    seen = [value for name, value in echo.json()["headers"] if name == "x-forwarded-for"]
    assert seen == ["127.0.0.1"]
