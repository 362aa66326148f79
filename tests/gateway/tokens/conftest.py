"""A real service (reporting) behind the suite's gateway: it verifies the gateway's
tokens from its JWKS and follows its revocations from the suite's NATS."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from apik_reporting.app import create_app
from apik_reporting.settings import Settings
from apik_testing.infra import TestInfra
from apik_testing.services import lifespan, service_settings
from tests.gateway.builders import GatewayUnderTest


@pytest.fixture(scope="module")
async def reporting(
    infra: TestInfra, gateway: GatewayUnderTest
) -> AsyncIterator[httpx.AsyncClient]:
    settings = await service_settings(
        Settings, infra, "apik_reporting", jwks_url=f"{gateway.url}/.well-known/jwks.json"
    )
    app = create_app(settings)
    # Not `apik_testing.services.running`: that swaps in the test signer's verifier,
    # and these tests need the service to trust the gateway's own keys.
    async with lifespan(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://reporting") as client:
            yield client
