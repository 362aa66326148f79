"""Work intake does on its own clock: withdrawing reports past their completion deadline,
anonymising reporters whose retention period has passed, sending notifications.

Every replica runs the loops; `steps.service.close_overdue` makes each report close once,
`reporters.service.anonymise_expired` each reporter anonymised once.
"""

from __future__ import annotations

import functools
import logging
import ssl
from datetime import UTC, datetime

import httpx

from apik_intake.attachments.service import LocalDirectoryStore, SealedStore, name_key
from apik_intake.drafts.service import delete_expired
from apik_intake.notifications.service import Outlets, Sent, Smtp, WhatsAppProvider, send_due
from apik_intake.portals.service import FetchedFiles, fetch_due_files
from apik_intake.reporters.service import Anonymised, anonymise_expired
from apik_intake.settings import Settings
from apik_intake.steps.service import close_overdue
from apik_shared.platform.app import Background
from apik_shared.platform.crypto import FieldCipher
from apik_shared.platform.db import Database
from apik_shared.platform.jobs import periodic

log = logging.getLogger("apik.intake.deadlines")
retention_log = logging.getLogger("apik.intake.retention")
notify_log = logging.getLogger("apik.intake.notifications")
files_log = logging.getLogger("apik.intake.portal_files")
drafts_log = logging.getLogger("apik.intake.drafts")


async def close_overdue_once(database: Database, now: datetime | None = None) -> int:
    """One run in its own transaction (the boundary commits, as for a request)."""
    async with database.sessions() as session, session.begin():
        return await close_overdue(session=session, now=now or datetime.now(UTC))


def _withdrawn(reports: int) -> None:
    if reports:
        log.info("withdrew %d report(s) past their completion deadline", reports)


def deadline_job(settings: Settings) -> Background:
    """The withdrawal, every `APIK_DEADLINE_SCAN_SECONDS`, for as long as the app runs."""
    return periodic(
        every=settings.deadline_scan_seconds,
        name="deadline job",
        once=close_overdue_once,
        report=_withdrawn,
    )


async def anonymise_expired_once(
    database: Database, settings: Settings, now: datetime | None = None
) -> Anonymised:
    """Every expired reporter, a batch per transaction, until a batch comes back short (the
    rest is done, or held by another replica, which finishes it)."""
    now = now or datetime.now(UTC)
    done = Anonymised()
    while True:
        async with database.sessions() as session, session.begin():
            batch = await anonymise_expired(
                session=session,
                now=now,
                identity_days=settings.retention_reporter_identity_days,
                link_days=settings.retention_person_link_days,
                batch=settings.retention_batch_size,
            )
        done += batch
        if max(batch.identities, batch.links) < settings.retention_batch_size:
            return done


def _anonymised(done: Anonymised) -> None:
    if done.identities or done.links:
        # Counts only: the log is no place for whom it was.
        retention_log.info(
            "retention: anonymised %d reporter identit(ies), cut %d person link(s)",
            done.identities,
            done.links,
        )


def retention_job(settings: Settings) -> Background:
    """The anonymisation, every `APIK_RETENTION_SCAN_SECONDS`, for as long as the app runs."""
    return periodic(
        every=settings.retention_scan_seconds,
        name="retention job",
        once=lambda database: anonymise_expired_once(database, settings),
        report=_anonymised,
    )


async def send_notifications_once(
    database: Database,
    settings: Settings,
    whatsapp: WhatsAppProvider | None = None,
    now: datetime | None = None,
) -> Sent:
    """The due notifications, a batch per transaction, until a batch comes back short.
    Each row stays locked while it is sent (`FOR UPDATE SKIP LOCKED`): a replica running
    side by side takes other rows, never the same one."""
    outlets = Outlets(
        smtp=Smtp.of(settings),
        whatsapp=whatsapp,
        public_url=settings.public_url,
        retry_seconds=settings.notify_retry_seconds,
    )
    cipher = FieldCipher(settings.pii_keys)
    done = Sent()
    while True:
        async with database.sessions() as session, session.begin():
            batch = await send_due(
                session=session,
                cipher=cipher,
                outlets=outlets,
                now=now or datetime.now(UTC),
                batch=settings.notify_batch_size,
            )
        done.sent += batch.sent
        done.retried += batch.retried
        done.failed += batch.failed
        done.skipped += batch.skipped
        taken = batch.sent + batch.retried + batch.failed + batch.skipped
        if taken < settings.notify_batch_size:
            return done


def _notified(done: Sent) -> None:
    if done:
        notify_log.info(
            "notifications: %d sent, %d to retry, %d failed, %d skipped",
            done.sent,
            done.retried,
            done.failed,
            done.skipped,
        )


def notification_job(settings: Settings, whatsapp: WhatsAppProvider | None = None) -> Background:
    """The sender, every `APIK_NOTIFY_SCAN_SECONDS`, for as long as the app runs."""
    return periodic(
        every=settings.notify_scan_seconds,
        name="notification job",
        once=lambda database: send_notifications_once(database, settings, whatsapp),
        report=_notified,
    )


@functools.cache
def _tls() -> ssl.SSLContext:
    """The portal fetch's TLS context, made once: a new client made its own on every
    turn of the job (every 10 s), loading the trust store again, which cost the process
    more CPU than a registration (issue 22's profile)."""
    return ssl.create_default_context()


async def fetch_portal_files_once(
    database: Database, settings: Settings, now: datetime | None = None
) -> FetchedFiles:
    """The files of pulled complaints due now, a batch per transaction, until a batch
    comes back short (`portals/service/files.py`)."""
    cipher = FieldCipher(settings.pii_keys)
    vault = SealedStore(
        LocalDirectoryStore(settings.attachments_dir), cipher, name_key(settings.pii_index_key)
    )
    done = FetchedFiles()
    async with httpx.AsyncClient(verify=_tls()) as client:
        while True:
            async with database.sessions() as session, session.begin():
                batch = await fetch_due_files(
                    session=session,
                    vault=vault,
                    client=client,
                    settings=settings,
                    now=now or datetime.now(UTC),
                )
            for name in ("stored", "retried", "refused", "failed"):
                setattr(done, name, getattr(done, name) + getattr(batch, name))
            if batch.taken < settings.portal_file_batch:
                return done


def _fetched(done: FetchedFiles) -> None:
    if done:
        files_log.info(
            "portal files: %d stored, %d to retry, %d refused, %d failed",
            done.stored,
            done.retried,
            done.refused,
            done.failed,
        )


def portal_file_job(settings: Settings) -> Background:
    """The fetch of pulled complaints' files, every `APIK_PORTAL_FILE_SCAN_SECONDS`."""
    return periodic(
        every=settings.portal_file_scan_seconds,
        name="portal file job",
        once=lambda database: fetch_portal_files_once(database, settings),
        report=_fetched,
    )


async def expire_drafts_once(database: Database, now: datetime | None = None) -> int:
    """The public form's drafts past their expiry, deleted in one transaction."""
    async with database.sessions() as session, session.begin():
        return await delete_expired(session=session, now=now or datetime.now(UTC))


def _expired(drafts: int) -> None:
    if drafts:
        drafts_log.info("deleted %d expired draft(s) of the public form", drafts)


def draft_job(settings: Settings) -> Background:
    """The drafts' expiry, every `APIK_PUBLIC_DRAFT_SCAN_SECONDS`."""
    return periodic(
        every=settings.public_draft_scan_seconds,
        name="draft job",
        once=expire_drafts_once,
        report=_expired,
    )


def jobs(settings: Settings, whatsapp: WhatsAppProvider | None = None) -> list[Background]:
    return [
        deadline_job(settings),
        retention_job(settings),
        notification_job(settings, whatsapp),
        portal_file_job(settings),
        draft_job(settings),
    ]
