"""Queuing a notification in the transaction of the step that causes it.

The first one (registration) seals the reporter's address; the later ones copy it from
that row in one statement, so that a step never decrypts the reporter's identity, and
`ON CONFLICT DO NOTHING` on (report, kind, channel) makes a repeated step or a
redelivered event queue nothing twice. A reporter who opted out gets no new row.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import DateTime, Insert, func, literal, select
from sqlalchemy.dialects.postgresql import JSONB, insert
from sqlalchemy.ext.asyncio import AsyncSession

from apik_intake.models import Notification, Report
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


def following(*, report_id: uuid.UUID, kind: NotificationKind, values: Mapping[str, Any]) -> Insert:
    """A later message to the reporter reached at registration, copied from that row
    (`ON CONFLICT DO NOTHING`): a statement of its own (`queue_following`), or carried
    by a step's (`steps.service.apply_step`)."""
    first, report = Notification.__table__.alias("n"), Report.__table__  # type: ignore[attr-defined]
    now = literal(datetime.now(UTC), DateTime(timezone=True))
    copied = (
        select(
            func.gen_random_uuid(),
            first.c.office,
            first.c.report_id,
            literal(kind.value),
            first.c.channel,
            first.c.recipient,
            literal(dict(values), JSONB),
            literal("pending"),
            literal(0),
            now,
            now,
        )
        .join_from(first, report, report.c.id == first.c.report_id)
        .where(
            first.c.report_id == report_id,
            first.c.kind == NotificationKind.registered.value,
            report.c.notifications_stopped_at.is_(None),
        )
    )
    columns = ["id", "office", "report_id", "kind", "channel", "recipient", "values"]
    columns += ["status", "attempts", "next_attempt_at", "created_at"]
    return (
        insert(Notification.__table__)  # type: ignore[attr-defined]
        .from_select(columns, copied)
        .on_conflict_do_nothing(index_elements=["report_id", "kind", "channel"])
    )


async def queue_following(
    *, session: AsyncSession, report_id: uuid.UUID, kind: NotificationKind, values: dict[str, Any]
) -> int:
    """A later message to the reporter reached at registration; the rows queued."""
    result = await session.execute(following(report_id=report_id, kind=kind, values=values))
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
