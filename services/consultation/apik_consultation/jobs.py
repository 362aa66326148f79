"""Work the desk does on its own clock: erasing visitors whose retention period is over.

Every replica runs the loop; `visitors.service.anonymise_expired` makes each visit
anonymised once.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from apik_consultation.settings import Settings
from apik_consultation.visitors.service import anonymise_expired
from apik_shared.platform.app import Background
from apik_shared.platform.db import Database
from apik_shared.platform.jobs import periodic

log = logging.getLogger("apik.consultation.retention")


async def anonymise_expired_once(
    database: Database, settings: Settings, now: datetime | None = None
) -> int:
    """Every expired visitor, a batch per transaction, until a batch comes back short (the
    rest is done, or held by another replica, which finishes it)."""
    now = now or datetime.now(UTC)
    done = 0
    while True:
        async with database.sessions() as session, session.begin():
            batch = await anonymise_expired(
                session=session,
                now=now,
                days=settings.retention_visitor_identity_days,
                batch=settings.retention_batch_size,
            )
        done += batch
        if batch < settings.retention_batch_size:
            return done


def _anonymised(visits: int) -> None:
    if visits:
        log.info("retention: anonymised the visitor of %d visit(s)", visits)  # counts only


def retention_job(settings: Settings) -> Background:
    """The erasure, every `APIK_RETENTION_SCAN_SECONDS`, for as long as the app runs."""
    return periodic(
        every=settings.retention_scan_seconds,
        name="retention job",
        once=lambda database: anonymise_expired_once(database, settings),
        report=_anonymised,
    )


def jobs(settings: Settings) -> list[Background]:
    return [retention_job(settings)]
