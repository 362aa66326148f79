"""An examination service per test module, consuming from the suite's NATS."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from apik_examination.app import create_app
from apik_examination.settings import Settings
from apik_shared.testing.infra import TestInfra
from apik_shared.testing.services import RunningService, migrated_database, running
from apik_shared.testing.tokens import TestTokens


@pytest.fixture(scope="module")
async def examination(infra: TestInfra, tokens: TestTokens) -> AsyncIterator[RunningService]:
    url = await migrated_database(infra, "apik_examination")
    settings = Settings(
        env="test", database_url=url, nats_url=infra.nats_url, secret_key="test-secret-key"
    )
    async with running(create_app(settings), tokens) as service:
        yield service
