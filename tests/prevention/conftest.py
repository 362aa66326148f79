"""A prevention service per test module, with its own migrated database."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from apik_prevention.app import create_app
from apik_prevention.settings import Settings
from apik_testing.infra import TestInfra
from apik_testing.services import RunningService, running, service_settings, test_keyring
from apik_testing.tokens import TestTokens


@pytest.fixture(scope="module")
async def prevention(infra: TestInfra, tokens: TestTokens) -> AsyncIterator[RunningService]:
    settings = await service_settings(Settings, infra, "apik_prevention", pii_keys=test_keyring())
    async with running(create_app(settings), tokens) as service:
        yield service


@pytest.fixture
def enumerator(tokens: TestTokens) -> dict[str, str]:
    return tokens.headers("prevention_officer", office="KAB", username="enumerator")


@pytest.fixture
def reviewer(tokens: TestTokens) -> dict[str, str]:
    return tokens.headers("prevention_officer", office="KAB", username="reviewer")


@pytest.fixture
def head(tokens: TestTokens) -> dict[str, str]:
    return tokens.headers("head", office="KAB", username="kepala")


@pytest.fixture
def keeper(tokens: TestTokens) -> dict[str, str]:
    """The national prevention unit, which keeps the schemes."""
    return tokens.headers("prevention_officer", "national", office="PUSAT", username="pusat")


@pytest.fixture
def tokens_other(tokens: TestTokens) -> dict[str, str]:
    """The prevention unit of another office."""
    return tokens.headers("prevention_officer", office="LAIN", username="lain")
