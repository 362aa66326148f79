"""A reporter's opt-out, recorded by the office on their request: the messages still
pending are skipped and no new one is queued (`queue.queue_following`)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from apik_intake.models import Notification, Report, ReportStep
from apik_intake.notifications.rules import NotificationStatus
from apik_shared.platform.auth import Principal


async def opt_out(*, session: AsyncSession, report: Report, actor: Principal) -> tuple[Report, int]:
    """The report with the opt-out recorded (a history row, a new version) and the
    number of pending messages skipped. Asked again, it keeps the first date."""
    now = datetime.now(UTC)
    if report.notifications_stopped_at is None:
        values = {"notifications_stopped_at": now, "updated_at": now, "version": report.version + 1}
        await session.execute(update(Report).where(col(Report.id) == report.id).values(**values))
        for key, value in values.items():
            setattr(report, key, value)
        session.add(
            ReportStep(
                report_id=report.id,
                step="notifications_opt_out",
                from_status=report.status,
                to_status=report.status,
                actor=actor.username,
                details={"actor_subject": actor.subject},
                at=now,
            )
        )
    skipped = await session.execute(
        update(Notification)
        .where(
            col(Notification.report_id) == report.id,
            col(Notification.status) == NotificationStatus.pending.value,
        )
        .values(status=NotificationStatus.skipped.value, last_error="the reporter opted out")
    )
    await session.flush()
    return report, int(skipped.rowcount)  # type: ignore[attr-defined]
