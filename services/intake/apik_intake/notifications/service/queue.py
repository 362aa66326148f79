"""Queuing a notification in the transaction of the step that causes it.

The first one (registration) seals the reporter's address; the later ones copy it from
that row in one statement, so that a step never decrypts the reporter's identity, and
`ON CONFLICT DO NOTHING` on (report, kind, channel) makes a repeated step or a
redelivered event queue nothing twice. A reporter who opted out gets no new row.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from apik_intake.models import Report
from apik_intake.notifications.rules import NotificationKind, channel_for, tanggal
from apik_shared.platform.crypto import FieldCipher
from apik_shared.vocabulary.calendar import OfficeCalendar

if TYPE_CHECKING:
    from apik_intake.reports.schemas import ReporterIn


def recipient_context(report_id: uuid.UUID | str, channel: str) -> str:
    return f"notification:{report_id}:{channel}:recipient"


def registered_notification(
    *,
    cipher: FieldCipher,
    report_id: uuid.UUID,
    office: str,
    status: str,
    reporter: ReporterIn | None,
) -> dict[str, Any] | None:
    """The registration's message as the row to write with the report (every column
    given: it goes into the registration's one INSERT statement); None when the reporter
    wants no notifications."""
    if reporter is None:
        return None
    chosen = channel_for(reporter.notify_by, email=reporter.email, phone=reporter.phone)
    if chosen is None:
        return None
    channel, address = chosen
    now = datetime.now(UTC)
    return {
        "id": uuid.uuid4(),
        "office": office,
        "report_id": report_id,
        "kind": NotificationKind.registered.value,
        "channel": channel.value,
        "recipient": cipher.encrypt(
            address.encode(), context=recipient_context(report_id, channel.value)
        ),
        "values": {"status": status},
        "subject": None,
        "body": None,
        "status": "pending",
        "attempts": 0,
        "next_attempt_at": now,
        "last_error": None,
        "sent_at": None,
        "created_at": now,
    }


_FOLLOWING = text(
    """
    INSERT INTO notification (id, office, report_id, kind, channel, recipient, "values",
                              status, attempts, next_attempt_at, created_at)
    SELECT gen_random_uuid(), n.office, n.report_id, :kind, n.channel, n.recipient,
           CAST(:values AS jsonb), 'pending', 0, :now, :now
    FROM notification AS n JOIN report AS r ON r.id = n.report_id
    WHERE n.report_id = :report_id AND n.kind = 'registered'
      AND r.notifications_stopped_at IS NULL
    ON CONFLICT (report_id, kind, channel) DO NOTHING
    """
)


async def queue_following(
    *, session: AsyncSession, report_id: uuid.UUID, kind: NotificationKind, values: dict[str, Any]
) -> int:
    """A later message to the reporter reached at registration; the rows queued."""
    result = await session.execute(
        _FOLLOWING,
        {
            "kind": kind.value,
            "values": json.dumps(values),
            "now": datetime.now(UTC),
            "report_id": report_id,
        },
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


async def queue_incomplete(
    *,
    session: AsyncSession,
    report: Report,
    notice: str,
    due: datetime | None,
    calendar: OfficeCalendar,
) -> int:
    """The notice of an incomplete report, by the reporter's own channel too (the first
    one only: a reminder finds the row queued and adds none)."""
    # The last day the reporter has: the deadline is the office's midnight after it.
    last_day = calendar.local_date(due - timedelta(microseconds=1)) if due else None
    return await queue_following(
        session=session,
        report_id=report.id,
        kind=NotificationKind.incomplete,
        values={
            "status": report.status,
            "notice": notice,
            "deadline": tanggal(last_day) if last_day else None,
        },
    )
