"""Work the integration service does on its own clock: sending due webhook deliveries,
pushing to the connected portals, applying their webhooks, and pulling the complaints
they assign to the offices switched on (phase 2).

Every replica runs the loops; `webhooks.service.deliver_due` and
`portals.service.push_due` claim rows with `FOR UPDATE SKIP LOCKED`, so two replicas
never send one thing at once; `portals.service.pull_due` locks each office's cursor the
same way, and records each complaint once (unique), so two never pull one twice.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import httpx

from apik_integration.imports.service import expire_unrun, run_due
from apik_integration.peers.service import SendTimes, send_due
from apik_integration.portals.service import Portals, PullTimes, apply_inbound, pull_due, push_due
from apik_integration.portals.service.adapter import PortalAdapter
from apik_integration.portals.service.lapor import LaporAdapter
from apik_integration.settings import Settings
from apik_integration.webhooks.service import deliver_due
from apik_shared.platform.app import Background
from apik_shared.platform.crypto import FieldCipher
from apik_shared.platform.db import Database
from apik_shared.platform.jobs import periodic

log = logging.getLogger("apik.integration.webhooks")
BATCH = 20


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


class Pusher:
    """The push job's adapters, one per connected portal, sharing one HTTP client."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._client: httpx.AsyncClient | None = None

    def adapters(self) -> dict[str, PortalAdapter]:
        if self._client is None:
            self._client = httpx.AsyncClient(trust_env=False, follow_redirects=False)
        timeout = self.settings.portal_timeout_seconds
        return {
            name: LaporAdapter(portal, self._client, timeout=timeout)
            for name, portal in self.settings.portals.items()
        }

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None


async def push_once(database: Database, pusher: Pusher, now: datetime | None = None) -> int:
    """Every report with a due send, a batch per transaction, until a batch is short."""
    done = 0
    adapters = pusher.adapters()
    while True:
        async with database.sessions() as session, session.begin():
            batch = await push_due(
                session=session,
                adapters=adapters,
                schedule=pusher.settings.portal_retry_seconds,
                batch=BATCH,
                now=now or datetime.now(UTC),
            )
        done += batch
        if batch < BATCH:
            return done


def _pushed(reports: int) -> None:
    if reports:
        log.info("portals: worked on %d report(s)", reports)  # counts only


def push_job(settings: Settings) -> Background:
    """The push, every `APIK_PORTAL_SCAN_SECONDS`, for as long as the app runs."""
    pusher = Pusher(settings)
    return periodic(
        every=settings.portal_scan_seconds,
        name="portal push job",
        once=lambda database: push_once(database, pusher),
        report=_pushed,
    )


def portals_of(settings: Settings, pusher: Pusher) -> Portals:
    """The portals' settings, adapters and transfer keyring, for the inbound job."""
    return Portals(
        settings=settings.portals,
        adapters=pusher.adapters(),
        transfer=FieldCipher(settings.transfer_keys) if settings.transfer_keys else None,
    )


async def apply_once(
    database: Database, now: datetime | None = None, portals: Portals | None = None
) -> int:
    """Every waiting portal webhook, a batch per transaction, until a batch is short."""
    done = 0
    while True:
        async with database.sessions() as session, session.begin():
            batch = await apply_inbound(
                session=session, batch=BATCH, now=now or datetime.now(UTC), portals=portals
            )
        done += batch
        if batch < BATCH:
            return done


def _applied(updates: int) -> None:
    if updates:
        log.info("portals: applied %d inbound update(s)", updates)  # counts only


def inbound_job(settings: Settings) -> Background:
    """The portals' webhooks applied, every `APIK_PORTAL_SCAN_SECONDS`."""
    portals = portals_of(settings, Pusher(settings))
    return periodic(
        every=settings.portal_scan_seconds,
        name="portal inbound job",
        once=lambda database: apply_once(database, portals=portals),
        report=_applied,
    )


async def import_once(
    database: Database,
    cipher: FieldCipher,
    transfer: FieldCipher,
    batch: int,
    unrun_days: float = 30,
) -> int:
    """Every waiting row of the running imports, a batch per transaction (the rows and
    their events committed together), until a batch comes back short; first, the uploads
    never run within `unrun_days` are deleted."""
    async with database.sessions() as session, session.begin():
        before = datetime.now(UTC) - timedelta(days=unrun_days)
        if expired := await expire_unrun(session=session, before=before):
            log.info("imports: deleted %d upload(s) never run", expired)  # counts only
    done = 0
    while True:
        async with database.sessions() as session, session.begin():
            sent = await run_due(
                session=session,
                cipher=cipher,
                transfer=transfer,
                batch=batch,
                now=datetime.now(UTC),
            )
        done += sent
        if sent < batch:
            return done


def _imported(rows: int) -> None:
    if rows:
        log.info("imports: handed %d row(s) to intake", rows)  # counts only


def import_job(settings: Settings) -> Background:
    """The imports' rows handed to intake, every `APIK_IMPORT_SCAN_SECONDS`."""
    cipher = FieldCipher(settings.pii_keys)
    transfer = FieldCipher(settings.transfer_keys)
    return periodic(
        every=settings.import_scan_seconds,
        name="import job",
        once=lambda database: import_once(
            database, cipher, transfer, settings.import_batch, settings.import_unrun_days
        ),
        report=_imported,
    )


def pull_times(settings: Settings) -> PullTimes:
    return PullTimes(
        poll_seconds=settings.portal_poll_seconds,
        window_seconds=settings.portal_poll_window_seconds,
        catch_up_hours=settings.portal_catch_up_hours,
        catch_up_hour=settings.portal_catch_up_hour,
    )


async def pull_once(database: Database, pusher: Pusher, now: datetime | None = None) -> int:
    """Every switched-on office polled when due (and caught up once a night), in one
    transaction: each complaint recorded and announced once."""
    settings = pusher.settings
    async with database.sessions() as session, session.begin():
        return await pull_due(
            session=session,
            portals=settings.portals,
            adapters=pusher.adapters(),
            transfer=FieldCipher(settings.transfer_keys),
            times=pull_times(settings),
            now=now or datetime.now(UTC),
        )


def _pulled(complaints: int) -> None:
    if complaints:
        log.info("portals: pulled %d complaint(s)", complaints)  # counts only


def pull_job(settings: Settings) -> Background:
    """The pull, looked at every `APIK_PORTAL_SCAN_SECONDS` (each office polled every
    `APIK_PORTAL_POLL_SECONDS`, caught up once a night)."""
    pusher = Pusher(settings)
    return periodic(
        every=settings.portal_scan_seconds,
        name="portal pull job",
        once=lambda database: pull_once(database, pusher),
        report=_pulled,
    )


class Signaller:
    """The peers' send job: one HTTP client per process (no proxies, no redirects: a
    signal goes to the configured peer and nowhere else)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.times = SendTimes(
            schedule=settings.peer_retry_seconds,
            jitter=settings.webhook_jitter,
            timeout=settings.peer_timeout_seconds,
            batch=settings.webhook_batch,
        )
        self._client: httpx.AsyncClient | None = None

    @property
    def client(self) -> httpx.AsyncClient:
        if self._client is None:
            self._client = httpx.AsyncClient(
                trust_env=False,
                follow_redirects=False,
                timeout=self.times.timeout,
                headers={"user-agent": "APIK-Peers/1"},
            )
        return self._client

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None


async def signal_once(database: Database, signaller: Signaller, now: datetime | None = None) -> int:
    """Every due shared-case signal, a batch per transaction, until a batch is short."""
    done = 0
    while True:
        async with database.sessions() as session, session.begin():
            batch = await send_due(
                session=session,
                client=signaller.client,
                peers=signaller.settings.peers,
                times=signaller.times,
                now=now or datetime.now(UTC),
            )
        done += batch
        if batch < signaller.times.batch:
            return done


def _signalled(signals: int) -> None:
    if signals:
        log.info("peers: %d signal attempt(s)", signals)  # counts only


def signal_job(settings: Settings) -> Background:
    """The peers' signals, every `APIK_PEER_SCAN_SECONDS`."""
    signaller = Signaller(settings)
    return periodic(
        every=settings.peer_scan_seconds,
        name="peer signal job",
        once=lambda database: signal_once(database, signaller),
        report=_signalled,
    )


def jobs(settings: Settings) -> list[Background]:
    found = [delivery_job(settings)]
    if settings.transfer_keys:
        found.append(import_job(settings))
    if settings.portals:
        found.append(push_job(settings))
    if settings.portal_secrets:
        found.append(inbound_job(settings))
    if any(p.pull_offices for p in settings.portals.values()):
        found.append(pull_job(settings))
    if settings.peers:
        found.append(signal_job(settings))
    return found
