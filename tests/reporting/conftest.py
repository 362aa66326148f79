"""A reporting service per test module, consuming every event on the suite's NATS."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from apik_reporting.app import create_app
from apik_reporting.settings import Settings
from apik_testing.infra import TestInfra
from apik_testing.services import RunningService, running, service_settings
from apik_testing.tokens import TestTokens


@pytest.fixture(scope="module")
async def reporting(infra: TestInfra, tokens: TestTokens) -> AsyncIterator[RunningService]:
    settings = await service_settings(Settings, infra, "apik_reporting")
    async with running(create_app(settings), tokens) as service:
        yield service
