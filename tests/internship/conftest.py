"""An internship service per test module, with its own migrated database."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from apik_internship.app import create_app
from apik_internship.settings import Settings
from apik_testing.infra import TestInfra
from apik_testing.services import RunningService, running, service_settings, test_keyring
from apik_testing.tokens import TestTokens


@pytest.fixture(scope="module")
async def internship(infra: TestInfra, tokens: TestTokens) -> AsyncIterator[RunningService]:
    settings = await service_settings(Settings, infra, "apik_internship", pii_keys=test_keyring())
    async with running(create_app(settings), tokens) as service:
        yield service


@pytest.fixture
def supervisor(tokens: TestTokens) -> dict[str, str]:
    return tokens.headers("intern_supervisor", office="KAB", username="pembimbing")


@pytest.fixture
def head(tokens: TestTokens) -> dict[str, str]:
    return tokens.headers("head", office="KAB", username="kepala")


@pytest.fixture
def officer(tokens: TestTokens) -> dict[str, str]:
    return tokens.headers("protection_officer", office="KAB", username="pelindung")
