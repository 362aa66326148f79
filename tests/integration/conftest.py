"""An integration service per test module, with its own migrated database, allowed to
reach 127.0.0.1 over http (the tests' receivers) and connected to one test portal."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator

import pytest

from apik_integration.app import create_app
from apik_integration.settings import Settings
from apik_testing.infra import TestInfra
from apik_testing.services import RunningService, running, service_settings, test_keyring
from apik_testing.tokens import TestTokens
from tests.integration.builders import PORTAL, PORTAL_SECRETS


@pytest.fixture(scope="module")
async def integration(infra: TestInfra, tokens: TestTokens) -> AsyncIterator[RunningService]:
    settings = await service_settings(
        Settings,
        infra,
        "apik_integration",
        pii_keys=test_keyring(),
        webhook_allow_private_targets=True,
        webhook_allow_http=True,
        webhook_scan_seconds=0.2,
        webhook_timeout_seconds=2,
        portal_secrets={PORTAL: PORTAL_SECRETS},
    )
    async with running(create_app(settings), tokens) as service:
        yield service


@pytest.fixture
def head(tokens: TestTokens) -> dict[str, str]:
    return tokens.headers("head", office="KAB", username="kepala")


@pytest.fixture
def other_head(tokens: TestTokens) -> dict[str, str]:
    return tokens.headers("head", office="KOTA", username="kepala-kota")


@pytest.fixture
def office(tokens: TestTokens) -> tuple[str, dict[str, str]]:
    """An office of the test's own, and its head: the module's service is shared, so
    each test's subscriptions and events stay apart from the others'."""
    code = "T" + secrets.token_hex(3).upper()
    return code, tokens.headers("head", office=code, username="kepala")
