"""An intake service per test module, with its own migrated database."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from apik_intake.app import create_app
from apik_intake.settings import Settings
from apik_shared.testing.infra import TestInfra
from apik_shared.testing.services import (
    RunningService,
    running,
    service_settings,
    test_keyring,
)
from apik_shared.testing.tokens import TestTokens


async def intake_settings(
    infra: TestInfra, tmp_path_factory: pytest.TempPathFactory, **overrides: object
) -> Settings:
    """The test intake's settings, with `overrides` on top."""
    return await service_settings(
        Settings,
        infra,
        "apik_intake",
        pii_keys=test_keyring(),
        attachments_dir=str(tmp_path_factory.mktemp("attachments")),
        attachment_max_bytes=64 * 1024,
        # The deadline job runs once at start; tests run it themselves.
        deadline_scan_seconds=3600,
        **overrides,
    )


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


def report_body(**overrides: object) -> dict[str, object]:
    body: dict[str, object] = {
        "kind": "LM",
        "channel": "walk_in",
        "reporter": {
            "name": "Budi Santoso",
            "nik": "1771010101900001",
            "phone": "0812-3456-7890",
            "email": "budi@example.id",
            "confidential": False,
        },
        "reported_agency": {"name": "Dinas Pendidikan Kota Bengkulu"},
        "substance": "education",
        "summary": "Ijazah tidak diserahkan",
        "chronology": "Sejak Juli 2026 sekolah menahan ijazah anak pelapor.",
        "event_date": "2026-07-15",
    }
    body.update(overrides)
    return body
