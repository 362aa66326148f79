"""Gateway fixtures: its database, a fake service, misbehaving services, the gateway.

The platform's fixtures (`infra`, `tokens`) come from `tests/conftest.py`.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest

from apik_gateway.app import create_app
from apik_testing.infra import TestInfra

from .builders import GatewayUnderTest, gateway_settings, migrated_database, use_nats
from .fake_service import Gates, create_fake_service
from .servers import raw_server, refused_url, serve


@pytest.fixture(scope="session")
async def gateway_database(infra: TestInfra) -> str:
    return await migrated_database(infra)


@pytest.fixture(scope="session")
def gates() -> Gates:
    return Gates()


@pytest.fixture(scope="session")
async def fake_service(gates: Gates) -> AsyncIterator[str]:
    async with serve(create_fake_service(gates)) as url:
        yield url


async def _never_answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """Reads the request, then says nothing until the gateway gives up."""
    try:
        while await reader.read(65536):
            pass
    finally:
        writer.close()


@pytest.fixture(scope="session")
async def silent_service() -> AsyncIterator[str]:
    async with raw_server(_never_answer) as url:
        yield url


@pytest.fixture(scope="session", autouse=True)
def _suite_nats(infra: TestInfra) -> None:
    # The gateway publishes the office registry: its settings name the suite's NATS,
    # never a server that happens to listen on the default port.
    use_nats(infra.nats_url)


@pytest.fixture(scope="session")
async def gateway(
    gateway_database: str, fake_service: str, silent_service: str
) -> AsyncIterator[GatewayUnderTest]:
    settings = gateway_settings(
        gateway_database,
        service_urls={"fake": fake_service, "silent": silent_service, "gone": refused_url()},
    )
    async with (
        serve(create_app(settings)) as url,
        # The session's client outlives idle gaps between tests: it drops an idle
        # connection after 2 s, before uvicorn closes it (5 s), so that no request
        # goes out on a connection the server is closing at that moment.
        httpx.AsyncClient(
            base_url=url, timeout=10, limits=httpx.Limits(keepalive_expiry=2)
        ) as client,
    ):
        yield GatewayUnderTest(url=url, client=client, settings=settings)
