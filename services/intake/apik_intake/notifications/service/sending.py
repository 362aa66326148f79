"""Sending the due notifications: each row locked (`FOR UPDATE SKIP LOCKED`) for as long
as it is sent, so that two replicas never send the same one, and marked `sent` only
once the server accepted it; a refusal waits its turn in `APIK_NOTIFY_RETRY_SECONDS`."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, cast

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from apik_intake.models import Notification, Report
from apik_intake.notifications import rules
from apik_intake.notifications.rules import (
    NotificationChannel,
    NotificationKind,
    NotificationStatus,
)
from apik_intake.notifications.service.channels import Smtp, Unavailable, WhatsAppProvider
from apik_intake.notifications.service.queue import recipient_context
from apik_intake.notifications.service.templates import templates_of
from apik_shared.platform.crypto import FieldCipher

log = logging.getLogger("apik.intake.notifications")


@dataclass
class Sent:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    skipped: int = 0

    def __bool__(self) -> bool:
        return bool(self.sent or self.retried or self.failed or self.skipped)


@dataclass(frozen=True)
class Outlets:
    smtp: Smtp
    whatsapp: WhatsAppProvider | None
    public_url: str
    retry_seconds: list[float]


class _ReportFacts(Protocol):
    """What sending needs of the notification's report (`_REPORT_FACTS`)."""

    office: str
    status: str
    registration_number: str
    notifications_stopped_at: datetime | None


# The report's few columns a message needs, not the whole row as an ORM object: a
# registration's message was the report read back whole (some fifty columns, the texts
# among them) and built into a `Report`, which cost the job more than the rest of the
# sending.
_REPORT_FACTS = (
    col(Report.office),
    col(Report.status),
    col(Report.registration_number),
    col(Report.notifications_stopped_at),
)


def _values(row: Notification, report: _ReportFacts, public_url: str) -> dict[str, str]:
    stored = {name: str(value) for name, value in row.values.items() if value is not None}
    status = stored.get("status", report.status)
    survey = stored.get("survey_url")
    return {
        **stored,
        "registration_number": report.registration_number,
        "tracking_url": rules.tracking_url(public_url, report.registration_number),
        "status": rules.STATUS_LABELS.get(status, status),
        "survey_url": f"{public_url.rstrip('/')}{survey}" if survey else "",
    }


async def _deliver(
    row: Notification, address: str, outlets: Outlets, subject: str, body: str
) -> None:
    if row.channel == NotificationChannel.email:
        await outlets.smtp.send(address, subject, body)
    elif outlets.whatsapp is None:
        raise Unavailable("no WhatsApp provider configured")
    else:
        await outlets.whatsapp.send(address, f"{subject}\n\n{body}")


def due_batch(*, now: datetime, batch: int) -> Select[Notification, str, str, str, datetime | None]:
    """The oldest due rows with their reports' facts, locked: read in this order off
    `ix_notification_due` (intake 0039), so a batch costs a batch, not the backlog."""
    return (
        select(Notification, *_REPORT_FACTS)
        .join(Report, col(Report.id) == Notification.report_id)
        .where(
            col(Notification.status) == NotificationStatus.pending,
            col(Notification.next_attempt_at) <= now,
        )
        .order_by(col(Notification.next_attempt_at), col(Notification.created_at))
        .limit(batch)
        .with_for_update(skip_locked=True, of=Notification)
    )


async def send_due(
    *,
    session: AsyncSession,
    cipher: FieldCipher,
    outlets: Outlets,
    now: datetime,
    batch: int,
) -> Sent:
    """One batch of due rows, each sent at most once (see the module's docstring)."""
    found = (await session.execute(due_batch(now=now, batch=batch))).all()
    # Each found row: the notification, then its report's facts (by name).
    rows = [(found_row[0], cast(_ReportFacts, found_row)) for found_row in found]
    own = await templates_of(session, (report.office for _, report in rows))
    done = Sent()
    for row, report in rows:
        kind = NotificationKind(row.kind)
        row.attempts += 1
        if report.notifications_stopped_at is not None:
            row.status, row.last_error = NotificationStatus.skipped, "the reporter opted out"
            done.skipped += 1
            continue
        text = rules.render(
            own.get((report.office, kind), rules.DEFAULTS[kind]),
            _values(row, report, outlets.public_url),
        )
        row.subject, row.body = text.subject, text.body
        address = cipher.decrypt(
            row.recipient, context=recipient_context(row.report_id, row.channel)
        ).decode()
        try:
            await _deliver(row, address, outlets, text.subject, text.body)
        except Unavailable as why:
            row.status, row.last_error = NotificationStatus.skipped, str(why)
            done.skipped += 1
        except Exception as error:  # any refusal is retried, then reported
            row.last_error = f"{type(error).__name__}: {error}"[:1000]
            retry_at = rules.next_attempt(row.attempts, outlets.retry_seconds, now)
            if retry_at is None:
                row.status = NotificationStatus.failed
                done.failed += 1
            else:
                row.next_attempt_at = retry_at
                done.retried += 1
            # The notification's id only: the log is no place for the address.
            log.warning("notification %s not sent: %s", row.id, type(error).__name__)
        else:
            row.status, row.sent_at, row.last_error = NotificationStatus.sent, now, None
            done.sent += 1
    await session.flush()
    return done
