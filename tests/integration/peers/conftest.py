"""Two integration deployments, each with its own migrated database, served over real
HTTP on loopback and configured as each other's peer: office KAB here, office KOTA
there, one pair (`kab-kota`) with one shared secret."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from apik_integration.app import create_app
from apik_integration.settings import Settings
from apik_testing.infra import TestInfra
from apik_testing.services import running, service_settings, test_keyring
from apik_testing.tokens import TestTokens
from tests.integration.builders import free_port
from tests.integration.peers.builders import (
    HERE,
    PAIR,
    PAIR_SECRET,
    THERE,
    Deployment,
    Served,
)


async def _settings(infra: TestInfra, office: str, peer_port: int) -> Settings:
    return await service_settings(
        Settings,
        infra,
        "apik_integration",
        pii_keys=test_keyring(),
        peers={
            PAIR: {"url": f"http://127.0.0.1:{peer_port}", "secret": PAIR_SECRET, "office": office}
        },
        peer_retry_seconds=[0.2] * 20,
        peer_scan_seconds=0.2,
        peer_timeout_seconds=2,
        webhook_jitter=0,
    )


@pytest.fixture(scope="module")
async def pair(
    infra: TestInfra, tokens: TestTokens
) -> AsyncIterator[tuple[Deployment, Deployment]]:
    here_port, there_port = free_port(), free_port()
    here_app = create_app(await _settings(infra, HERE, there_port))
    there_app = create_app(await _settings(infra, THERE, here_port))
    async with running(here_app, tokens) as here, running(there_app, tokens) as there:
        here_served = Served(here_app, port=here_port)
        there_served = Served(there_app, port=there_port)
        await here_served.start()
        await there_served.start()
        try:
            yield Deployment(here, here_served), Deployment(there, there_served)
        finally:
            await there_served.stop()
            await here_served.stop()
