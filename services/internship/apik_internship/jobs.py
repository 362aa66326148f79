"""Work the internship service does on its own clock: escalating Red Button alerts that
nobody acknowledged, and recording logbook reminders.

Every replica runs the loops; `red_button.service.escalate_due` claims each case once,
and a reminder is a unique row (application, kind, day) that a second insert skips.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from apik_internship.logbook.service import record_reminders
from apik_internship.red_button.service import escalate_due
from apik_internship.settings import Settings
from apik_shared.platform.app import Background
from apik_shared.platform.db import Database
from apik_shared.platform.jobs import periodic

log = logging.getLogger("apik.internship.escalation")
BATCH = 100


async def escalate_once(database: Database, settings: Settings, now: datetime | None = None) -> int:
    """Every due case, a batch per transaction, until a batch comes back short."""
    now = now or datetime.now(UTC)
    done = 0
    while True:
        async with database.sessions() as session, session.begin():
            batch = await escalate_due(
                session=session, now=now, minutes=settings.escalation_minutes, batch=BATCH
            )
        done += batch
        if batch < BATCH:
            return done


def _escalated(cases: int) -> None:
    if cases:
        log.info("red button: escalated %d case(s)", cases)  # counts only


def escalation_job(settings: Settings) -> Background:
    """The escalation, every `APIK_ESCALATION_SCAN_SECONDS`, for as long as the app runs."""
    return periodic(
        every=settings.escalation_scan_seconds,
        name="escalation job",
        once=lambda database: escalate_once(database, settings),
        report=_escalated,
    )


async def remind_once(database: Database, settings: Settings, now: datetime | None = None) -> int:
    """Records the logbook reminders due now (missing days, entries waiting), once each
    whichever replica runs first; returns how many were new."""
    async with database.sessions() as session, session.begin():
        return await record_reminders(
            session=session,
            now=now or datetime.now(UTC),
            lookback_days=settings.logbook_lookback_days,
            approval_days=settings.logbook_approval_days,
        )


def _reminded(count: int) -> None:
    if count:
        log.info("logbook: recorded %d reminder(s)", count)


def reminder_job(settings: Settings) -> Background:
    """The logbook reminders, every `APIK_LOGBOOK_SCAN_SECONDS`."""
    return periodic(
        every=settings.logbook_scan_seconds,
        name="logbook reminder job",
        once=lambda database: remind_once(database, settings),
        report=_reminded,
    )


def jobs(settings: Settings) -> list[Background]:
    return [escalation_job(settings), reminder_job(settings)]
