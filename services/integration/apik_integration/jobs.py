"""Work the integration service does on its own clock: sending due webhook deliveries.

Every replica runs the loop; `webhooks.service.deliver_due` claims rows with
`FOR UPDATE SKIP LOCKED`, so two replicas never send one delivery at once.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import httpx

from apik_integration.settings import Settings
from apik_integration.webhooks.service import deliver_due
from apik_shared.platform.app import Background
from apik_shared.platform.crypto import FieldCipher
from apik_shared.platform.db import Database
from apik_shared.platform.jobs import periodic

log = logging.getLogger("apik.integration.webhooks")


class Sender:
    """The delivery job's HTTP client (one per process, connections reused) and cipher."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.cipher = FieldCipher(settings.pii_keys)
        self._client: httpx.AsyncClient | None = None

    @property
    def client(self) -> httpx.AsyncClient:
        if self._client is None:
            # No proxies from the environment and no redirects: a webhook goes to the
            # address that was checked, nowhere else.
            self._client = httpx.AsyncClient(
                trust_env=False,
                follow_redirects=False,
                headers={"user-agent": "APIK-Webhooks/1"},
            )
        return self._client

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None


async def deliver_once(database: Database, sender: Sender, now: datetime | None = None) -> int:
    """Every due delivery, a batch per transaction, until a batch comes back short."""
    done = 0
    while True:
        async with database.sessions() as session, session.begin():
            batch = await deliver_due(
                session=session,
                client=sender.client,
                cipher=sender.cipher,
                settings=sender.settings,
                now=now or datetime.now(UTC),
            )
        done += batch
        if batch < sender.settings.webhook_batch:
            return done


def _sent(deliveries: int) -> None:
    if deliveries:
        log.info("webhooks: %d attempt(s)", deliveries)  # counts only


def delivery_job(settings: Settings) -> Background:
    """The delivery, every `APIK_WEBHOOK_SCAN_SECONDS`, for as long as the app runs."""
    sender = Sender(settings)
    return periodic(
        every=settings.webhook_scan_seconds,
        name="webhook delivery job",
        once=lambda database: deliver_once(database, sender),
        report=_sent,
    )


def jobs(settings: Settings) -> list[Background]:
    return [delivery_job(settings)]
