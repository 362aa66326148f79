"""How a message leaves a service: email over SMTP (the stdlib's `smtplib`, in a
thread); phone messages (WhatsApp, SMS) leave by `apik_shared.platform.phone`.

A channel raises `Unavailable` when it is not configured (the caller records the message
as skipped, with the reason) and any other exception when the server did not accept the
message (the caller tries again later). Used by intake's notifications to reporters and
by the internship's Red Button alerts to its officers."""

from __future__ import annotations

import asyncio
import smtplib
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import make_msgid
from typing import Protocol

from apik_shared.platform.phone import PhoneProvider


class Unavailable(Exception):
    """The channel is not set up in this deployment: nothing was tried."""


# Intake's name for the phone provider, kept: its notifications speak of WhatsApp only.
WhatsAppProvider = PhoneProvider


class SmtpSettings(Protocol):
    """The `APIK_SMTP_*` settings a service that sends mail declares."""

    smtp_host: str
    smtp_port: int
    smtp_from: str
    smtp_starttls: bool
    smtp_user: str
    smtp_password: str
    smtp_timeout_seconds: float


@dataclass(frozen=True)
class Smtp:
    host: str
    port: int
    sender: str
    starttls: bool
    user: str
    password: str
    timeout: float

    @classmethod
    def of(cls, settings: SmtpSettings) -> Smtp:
        return cls(
            host=settings.smtp_host,
            port=settings.smtp_port,
            sender=settings.smtp_from,
            starttls=settings.smtp_starttls,
            user=settings.smtp_user,
            password=settings.smtp_password,
            timeout=settings.smtp_timeout_seconds,
        )

    async def send(self, to: str, subject: str, body: str) -> None:
        if not self.host:
            raise Unavailable("APIK_SMTP_HOST is empty: no mail server configured")
        message = EmailMessage()
        message["From"] = self.sender
        message["To"] = to
        message["Subject"] = subject
        message["Message-ID"] = make_msgid(domain=self.sender.rpartition("@")[2] or None)
        message.set_content(body)
        await asyncio.to_thread(self._deliver, message)

    def _deliver(self, message: EmailMessage) -> None:
        # Returns only when the server accepted the message (`send_message` raises on a
        # refusal of the only recipient, on a dropped connection, on a timeout).
        with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as server:
            if self.starttls:
                server.starttls()
            if self.user:
                server.login(self.user, self.password)
            server.send_message(message)
