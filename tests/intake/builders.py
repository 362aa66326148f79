"""What intake's tests build: the service's settings, request bodies, a registered report."""

from __future__ import annotations

import pytest

from apik_intake.settings import Settings
from apik_shared.testing.infra import TestInfra
from apik_shared.testing.services import RunningService, service_settings, test_keyring

REPORTS = "/api/v1/intake/reports"


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


async def register(
    intake: RunningService, headers: dict[str, str], **overrides: object
) -> dict[str, object]:
    """A report registered by staff (`report_body` with `overrides`); its body."""
    response = await intake.client.post(REPORTS, json=report_body(**overrides), headers=headers)
    assert response.status_code == 201, response.text
    body: dict[str, object] = response.json()
    return body
