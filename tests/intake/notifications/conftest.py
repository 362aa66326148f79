"""A real SMTP server (aiosmtpd) on a free port, and an intake sending to it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from apik_intake.app import create_app
from apik_testing.infra import TestInfra
from apik_testing.mailbox import Mailbox
from apik_testing.mailbox import mailbox as started_mailbox
from apik_testing.services import RunningService, running
from apik_testing.tokens import TestTokens
from tests.intake.builders import intake_settings


@pytest.fixture(scope="module")
def mailbox() -> Iterator[Mailbox]:
    with started_mailbox() as box:
        yield box


@pytest.fixture(scope="module")
async def intake(
    infra: TestInfra,
    tokens: TestTokens,
    tmp_path_factory: pytest.TempPathFactory,
    mailbox: Mailbox,
) -> AsyncIterator[RunningService]:
    settings = await intake_settings(
        infra,
        tmp_path_factory,
        smtp_host="127.0.0.1",
        smtp_port=mailbox.port,
        smtp_starttls=False,
        smtp_from="pengaduan@bengkulu.ombudsman.test",
        smtp_timeout_seconds=5,
        public_url="https://apik.example.id",
        notify_retry_seconds=[60, 300],
        # The sender runs once at start; the tests run it themselves.
        notify_scan_seconds=3600,
    )
    async with running(create_app(settings), tokens) as service:
        yield service
