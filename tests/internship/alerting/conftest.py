"""An internship service that mails its Red Button alerts to a real SMTP server."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from apik_internship.app import create_app
from apik_internship.settings import Settings
from apik_testing.infra import TestInfra
from apik_testing.mailbox import Mailbox
from apik_testing.mailbox import mailbox as started_mailbox
from apik_testing.services import RunningService, running, service_settings, test_keyring
from apik_testing.tokens import TestTokens


@pytest.fixture(scope="module")
def mailbox() -> Iterator[Mailbox]:
    with started_mailbox() as box:
        yield box


@pytest.fixture(scope="module")
async def internship(
    infra: TestInfra, tokens: TestTokens, mailbox: Mailbox
) -> AsyncIterator[RunningService]:
    settings = await service_settings(
        Settings,
        infra,
        "apik_internship",
        pii_keys=test_keyring(),
        smtp_host="127.0.0.1",
        smtp_port=mailbox.port,
        smtp_starttls=False,
        smtp_from="tombol-merah@kab.ombudsman.test",
        smtp_timeout_seconds=5,
        public_url="https://apik.example.id",
        alert_retry_seconds=[30, 60],
        # The sender's tick: short, so that a raised case reaches the officer at once.
        alert_scan_seconds=0.2,
    )
    async with running(create_app(settings), tokens) as service:
        yield service
