"""Gateway fixtures: its database, a fake service, misbehaving services, the gateway.

The platform's fixtures (`infra`, `tokens`) come from `tests/conftest.py`.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest

from apik_gateway.app import create_app
from apik_gateway.settings import Settings
from apik_shared.migrations import upgrade
from apik_shared.testing.infra import TestInfra

from .builders import ADMIN_PASSWORD, GatewayUnderTest
from .fake_service import Gates, create_fake_service
from .servers import raw_server, refused_url, serve

MAX_BODY = 1024 * 1024
READ_TIMEOUT = 0.5
PUBLIC_BURST = 3


async def migrated_database(infra: TestInfra) -> str:
    url = await infra.adatabase("gateway")
    await upgrade(url, "apik_gateway:migrations")
    return url


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


_NATS: list[str] = []


@pytest.fixture(scope="session", autouse=True)
def _suite_nats(infra: TestInfra) -> None:
    # The gateway publishes the office registry: its settings name the suite's NATS,
    # never a server that happens to listen on the default port.
    _NATS[:] = [infra.nats_url]


def gateway_settings(database_url: str, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "database_url": database_url,
        "nats_url": _NATS[0],
        "admin_password": ADMIN_PASSWORD,
        "max_body_bytes": MAX_BODY,
        "upstream_read_timeout": READ_TIMEOUT,
        "public_rate_burst": PUBLIC_BURST,
        "public_rate_per_second": 0.1,
        "forward_access_log": False,
    }
    values.update(overrides)
    return Settings.model_validate(values)


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
        httpx.AsyncClient(base_url=url, timeout=10) as client,
    ):
        yield GatewayUnderTest(url=url, client=client, settings=settings)
