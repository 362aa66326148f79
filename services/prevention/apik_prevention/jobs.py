"""Work the prevention service does on its own clock: agreements that end expire, and
their reminders 90, 60 and 30 days before (`APIK_AGREEMENT_REMINDER_DAYS`) are recorded
and announced (`agreement.expiring`); the studies' suggestions are reminded before
and after their due dates (`APIK_SUGGESTION_REMINDER_OFFSETS`); data subjects' requests
still open at their deadline (`APIK_SUBJECT_REQUEST_DEADLINE_HOURS`, UU 27/2022's 3 x 24
hours) are announced once (`subject_request.overdue`).

Every replica runs the loop; a batch's agreements are claimed with SKIP LOCKED and a
reminder is a unique row (agreement, threshold), so each happens once.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from apik_prevention.agreements.service.clock import run_clock
from apik_prevention.settings import Settings
from apik_prevention.studies.service.clock import run_clock as run_suggestions_clock
from apik_prevention.subject_requests.service.clock import announce_overdue
from apik_shared.platform.app import Background
from apik_shared.platform.db import Database
from apik_shared.platform.jobs import periodic

log = logging.getLogger("apik.prevention.agreements")
BATCH = 100


async def agreements_once(
    database: Database, settings: Settings, now: datetime | None = None
) -> tuple[int, int]:
    """Expiry and reminders due now, a batch per transaction until a batch comes back
    short: (expired, reminders recorded)."""
    now = now or datetime.now(UTC)
    expired = reminded = 0
    after = None
    while True:
        async with database.sessions() as session, session.begin():
            ended, recorded, after = await run_clock(
                session=session,
                thresholds=settings.agreement_reminder_days,
                now=now,
                batch=BATCH,
                after=after,
            )
        expired, reminded = expired + ended, reminded + recorded
        if after is None:
            return expired, reminded


def _report(counts: tuple[int, int]) -> None:
    if any(counts):
        log.info("agreements: %d expired, %d reminder(s) recorded", *counts)


def agreements_job(settings: Settings) -> Background:
    """The agreements' clock, every `APIK_AGREEMENT_SCAN_SECONDS`."""
    return periodic(
        every=settings.agreement_scan_seconds,
        name="agreements job",
        once=lambda database: agreements_once(database, settings),
        report=_report,
    )


async def suggestions_once(
    database: Database, settings: Settings, now: datetime | None = None
) -> int:
    """The studies' suggestions' reminders due now (`APIK_SUGGESTION_REMINDER_OFFSETS`),
    a batch per transaction: how many were recorded."""
    now = now or datetime.now(UTC)
    reminded, after = 0, None
    while True:
        async with database.sessions() as session, session.begin():
            recorded, after = await run_suggestions_clock(
                session=session,
                offsets=settings.suggestion_reminder_offsets,
                now=now,
                batch=BATCH,
                after=after,
            )
        reminded += recorded
        if after is None:
            return reminded


def _report_suggestions(count: int) -> None:
    if count:
        log.info("suggestions: %d reminder(s) recorded", count)


def suggestions_job(settings: Settings) -> Background:
    """The suggestions' reminders, every `APIK_SUGGESTION_SCAN_SECONDS`."""
    return periodic(
        every=settings.suggestion_scan_seconds,
        name="suggestions job",
        once=lambda database: suggestions_once(database, settings),
        report=_report_suggestions,
    )


async def subject_requests_once(database: Database, now: datetime | None = None) -> int:
    """Requests past their deadline announced now, a batch per transaction: how many."""
    now = now or datetime.now(UTC)
    announced, after = 0, None
    while True:
        async with database.sessions() as session, session.begin():
            count, after = await announce_overdue(
                session=session, now=now, batch=BATCH, after=after
            )
        announced += count
        if after is None:
            return announced


def _report_subject_requests(count: int) -> None:
    if count:
        log.warning("subject requests: %d past their deadline announced", count)


def subject_requests_job(settings: Settings) -> Background:
    """Overdue data subjects' requests, every `APIK_SUBJECT_REQUEST_SCAN_SECONDS`."""
    return periodic(
        every=settings.subject_request_scan_seconds,
        name="subject requests job",
        once=subject_requests_once,
        report=_report_subject_requests,
    )


def jobs(settings: Settings) -> list[Background]:
    return [agreements_job(settings), suggestions_job(settings), subject_requests_job(settings)]
