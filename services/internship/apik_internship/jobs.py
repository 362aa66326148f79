"""Work the internship service does on its own clock: escalating Red Button alerts that
nobody acknowledged, sending them off-screen, and recording logbook reminders.

Every replica runs the loops; `red_button.service.escalate_due` claims each case once,
`alerting.service.send_due` locks each delivery while it is sent, and a reminder is a
unique row (application, kind, day) that a second insert skips.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from apik_internship.alerting.service import Delivered, Outlets, send_due
from apik_internship.logbook.service import record_reminders
from apik_internship.red_button.service import escalate_due
from apik_internship.settings import Settings
from apik_shared.platform.app import Background
from apik_shared.platform.crypto import FieldCipher
from apik_shared.platform.db import Database
from apik_shared.platform.jobs import periodic
from apik_shared.platform.mail import Smtp
from apik_shared.platform.phone import PhoneProvider, phone_provider

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


alerts_log = logging.getLogger("apik.internship.alerts")


async def deliver_alerts_once(
    database: Database,
    settings: Settings,
    phone: PhoneProvider | None = None,
    now: datetime | None = None,
) -> Delivered:
    """The Red Button alerts due off-screen, a batch per transaction, until a batch comes
    back short (each row is committed with what became of it). `phone`: a provider other
    than the one `APIK_PHONE_PROVIDER` sets up."""
    outlets = Outlets(
        smtp=Smtp.of(settings),
        phone=phone or phone_provider(settings),
        public_url=settings.public_url,
        retry_seconds=settings.alert_retry_seconds,
    )
    cipher = FieldCipher(settings.pii_keys)
    total = Delivered()
    while True:
        async with database.sessions() as session, session.begin():
            done = await send_due(
                session=session,
                cipher=cipher,
                outlets=outlets,
                now=now or datetime.now(UTC),
                batch=settings.alert_batch_size,
            )
        total.sent += done.sent
        total.retried += done.retried
        total.skipped += done.skipped
        total.cancelled += done.cancelled
        total.failed += done.failed
        taken = done.sent + done.retried + done.skipped + done.cancelled + done.failed
        if taken < settings.alert_batch_size:
            return total


def _delivered(done: Delivered) -> None:
    if done:
        alerts_log.info(
            "red button alerts: %d sent, %d to retry, %d skipped, %d cancelled, %d failed",
            done.sent,
            done.retried,
            done.skipped,
            done.cancelled,
            done.failed,
        )


def alert_delivery_job(settings: Settings, phone: PhoneProvider | None = None) -> Background:
    """The alerts' sender, every `APIK_ALERT_SCAN_SECONDS`."""
    return periodic(
        every=settings.alert_scan_seconds,
        name="red button alert job",
        once=lambda database: deliver_alerts_once(database, settings, phone),
        report=_delivered,
    )


def jobs(settings: Settings, phone: PhoneProvider | None = None) -> list[Background]:
    """`phone`: a WhatsApp/SMS provider for the Red Button's alerts other than the one
    `APIK_PHONE_PROVIDER` sets up (with neither, phone alerts are recorded as skipped)."""
    return [escalation_job(settings), alert_delivery_job(settings, phone), reminder_job(settings)]
