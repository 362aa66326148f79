"""Formal verification with its checklist, the reporter's notice and the deadline job."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_intake.models import Notice, Report
from apik_intake.reports.rules import ReportStatus, Step
from apik_intake.steps import rules
from apik_intake.steps.schemas import FormalVerification
from apik_intake.steps.service.transitions import apply_step
from apik_shared.platform.auth import Principal
from apik_shared.platform.offices import office_calendar
from apik_shared.platform.problems import InvalidInput

# The actor of the service's own steps.
SYSTEM = Principal(subject="system:intake", username="system:intake", office="")


async def verify_formally(
    *,
    session: AsyncSession,
    report: Report,
    data: FormalVerification,
    actor: Principal,
    completion_days: int,
) -> Report:
    details: dict[str, Any] = data.model_dump(
        mode="json", exclude_none=True, exclude={"decided_at"}
    )
    missing = list(data.missing)
    if data.checklist is not None:
        gaps = rules.checklist_gaps(data.checklist.model_dump(), represented=report.represented)
        if data.complete and gaps:
            raise InvalidInput.field(
                f"#/body/checklist/{gaps[0]}",
                f"{gaps[0]} is not satisfied, so the report is not complete.",
            )
        missing = missing or gaps
        details["missing"] = missing
    if not data.complete and not missing:
        raise InvalidInput.field("#/body/missing", "Say what is missing when it is incomplete.")
    now = data.decided_at or datetime.now(UTC)
    changes: dict[str, Any] = {"completion_due": None}
    if not data.complete:
        # In the office's own zone, from the office registry: the reporter's days end at
        # the office's midnight (WIT's for Jayapura, 2 h before WIB's).
        calendar = await office_calendar(session, report.office)
        due = rules.completion_deadline(now, completion_days, calendar)
        changes["completion_due"] = due
        details["completion_due"] = due.isoformat()
    step = Step.formal_complete if data.complete else Step.formal_incomplete
    report = await apply_step(
        session=session,
        report=report,
        step=step,
        actor=actor,
        details=details,
        changes=changes,
        decided_at=data.decided_at,
    )
    if data.notification is not None:
        session.add(
            Notice(
                report_id=report.id,
                channel=data.notification.channel.value,
                message=data.notification.message,
                reason=step.value,
                sent_by=actor.username,
                sent_at=now,
            )
        )
        await session.flush()
    return report


async def close_overdue(*, session: AsyncSession, now: datetime, limit: int = 200) -> int:
    """Withdraws reports whose completion deadline passed; returns how many.

    Replicas may run this at the same moment: `SKIP LOCKED` gives each report to one of
    them, and a report another runner already withdrew no longer matches the status.
    """
    rows = await session.execute(
        select(Report)
        .where(
            Report.status == ReportStatus.awaiting_completion.value,
            col(Report.completion_due) <= now,
        )
        .order_by(col(Report.completion_due))
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    closed = 0
    for report in rows.scalars():
        await apply_step(
            session=session,
            report=report,
            step=Step.withdraw,
            actor=SYSTEM,
            details={"reason": "not_completed_within_deadline"},
        )
        closed += 1
    return closed
