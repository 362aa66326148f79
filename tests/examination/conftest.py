"""An examination service per test module, consuming from the suite's NATS."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from apik_examination.app import create_app
from apik_examination.settings import Settings
from apik_testing.infra import TestInfra
from apik_testing.services import RunningService, running, service_settings
from apik_testing.tokens import TestTokens


@pytest.fixture(scope="module")
async def examination(infra: TestInfra, tokens: TestTokens) -> AsyncIterator[RunningService]:
    settings = await service_settings(Settings, infra, "apik_examination")
    async with running(create_app(settings), tokens) as service:
        yield service
