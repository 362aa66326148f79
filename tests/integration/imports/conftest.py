"""Integration, intake and reporting in process, integration and intake sharing the
transfer keyring; integration's settings given as they are, for a test that stops the
service mid-run and starts it again on the same database."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from apik_intake.app import create_app as create_intake
from apik_integration.settings import Settings
from apik_reporting.app import create_app as create_reporting
from apik_reporting.settings import Settings as ReportingSettings
from apik_testing.infra import TestInfra
from apik_testing.services import RunningService, running, service_settings, test_keyring
from apik_testing.tokens import TestTokens
from tests.intake.builders import intake_settings


@pytest.fixture(scope="module")
def transfer_keys() -> str:
    return test_keyring()


@pytest.fixture(scope="module")
async def importer_settings(infra: TestInfra, transfer_keys: str) -> Settings:
    return await service_settings(
        Settings,
        infra,
        "apik_integration",
        pii_keys=test_keyring(),
        transfer_keys=transfer_keys,
        import_scan_seconds=0.1,
        # Small batches: a run of a few thousand rows lasts long enough to be stopped.
        import_batch=25,
    )


@pytest.fixture(scope="module")
async def intake(
    infra: TestInfra,
    tokens: TestTokens,
    tmp_path_factory: pytest.TempPathFactory,
    transfer_keys: str,
) -> AsyncIterator[RunningService]:
    settings = await intake_settings(infra, tmp_path_factory, transfer_keys=transfer_keys)
    async with running(create_intake(settings), tokens) as service:
        yield service


@pytest.fixture(scope="module")
async def reporting(infra: TestInfra, tokens: TestTokens) -> AsyncIterator[RunningService]:
    settings = await service_settings(ReportingSettings, infra, "apik_reporting")
    async with running(create_reporting(settings), tokens) as service:
        yield service
