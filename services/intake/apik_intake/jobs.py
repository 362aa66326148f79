"""Work intake does on its own clock: withdrawing reports past their completion deadline,
and anonymising reporters whose retention period has passed.

Every replica runs the loops; `steps.service.close_overdue` makes each report close once,
`reporters.service.anonymise_expired` each reporter anonymised once.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from apik_intake.reporters.service import Anonymised, anonymise_expired
from apik_intake.settings import Settings
from apik_intake.steps.service import close_overdue
from apik_shared.platform.app import Background
from apik_shared.platform.db import Database
from apik_shared.platform.jobs import periodic

log = logging.getLogger("apik.intake.deadlines")
retention_log = logging.getLogger("apik.intake.retention")


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


def jobs(settings: Settings) -> list[Background]:
    return [deadline_job(settings), retention_job(settings)]
