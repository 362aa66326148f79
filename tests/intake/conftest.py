"""An intake service per test module, with its own migrated database."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from apik_intake.app import create_app
from apik_testing.infra import TestInfra
from apik_testing.services import RunningService, running
from apik_testing.tokens import TestTokens
from tests.intake.builders import intake_settings, report_body

# `report_body` is imported from here by e2e and reliability tests (not intake's files):
# kept importable until they take it from `tests.intake.builders`.
__all__ = ["intake", "officer", "report_body"]


@pytest.fixture(scope="module")
async def intake(
    infra: TestInfra, tokens: TestTokens, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[RunningService]:
    settings = await intake_settings(infra, tmp_path_factory)
    async with running(create_app(settings), tokens) as service:
        yield service


@pytest.fixture
def officer(tokens: TestTokens) -> dict[str, str]:
    return tokens.headers("intake_officer", office="BKL", username="petugas")
