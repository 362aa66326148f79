"""The gateway serving a stand-in build: each test module gives its own `build`
fixture (what Vite would write, in miniature) and gets a client of a gateway serving it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from apik_gateway.app import create_app
from tests.gateway.builders import gateway_settings
from tests.gateway.servers import serve


@pytest.fixture
async def client(gateway_database: str, build: Path) -> AsyncIterator[httpx.AsyncClient]:
    settings = gateway_settings(gateway_database, web_dir=build)
    async with serve(create_app(settings)) as url, httpx.AsyncClient(base_url=url) as client:
        yield client
