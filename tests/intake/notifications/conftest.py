"""A real SMTP server (aiosmtpd) on a free port, and an intake sending to it."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator, Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller

from apik_intake.app import create_app
from apik_testing.infra import TestInfra
from apik_testing.services import RunningService, running
from apik_testing.tokens import TestTokens
from tests.intake.builders import intake_settings


class Mailbox:
    """What the SMTP server accepted; it can be stopped and started on the same port."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.messages: list[EmailMessage] = []
        self.controller: Controller | None = None

    async def handle_DATA(self, server, session, envelope) -> str:  # aiosmtpd calls its hooks so
        message = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(message, EmailMessage)
        self.messages.append(message)
        return "250 Message accepted for delivery"

    def start(self) -> None:
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if m["To"] == address]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def mailbox() -> Iterator[Mailbox]:
    box = Mailbox(_free_port())
    box.start()
    try:
        yield box
    finally:
        box.stop()


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
