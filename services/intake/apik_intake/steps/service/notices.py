"""The notice to the reporter of an incomplete report, which starts their deadline, and a
head's exception to the age limit. Neither moves the report along its state machine:
each leaves a history row (who, when, why) and a new version."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_intake.models import Notice, Report, ReportStep
from apik_intake.notifications.service.queue import queue_incomplete
from apik_intake.refusals import IntakeConflict, IntakeStepRefused
from apik_intake.reports.rules import AGE_EXCEPTED, BEFORE_FORMAL, ReportStatus, event_too_old
from apik_intake.steps import rules
from apik_intake.steps.schemas import AgeException, NoticeIn
from apik_shared.platform.auth import Principal
from apik_shared.platform.offices import office_calendar
from apik_shared.platform.problems import InvalidInput
from apik_shared.vocabulary.labels import REPORT_STATUSES, named

# Before formal verification passes: afterwards the age limit has been decided.


async def record(
    *,
    session: AsyncSession,
    report: Report,
    step: str,
    actor: Principal,
    details: dict[str, Any],
    changes: dict[str, Any],
    at: datetime,
) -> Report:
    now = datetime.now(UTC)
    values = {"updated_at": now, "version": report.version + 1, **changes}
    await session.execute(update(Report).where(col(Report.id) == report.id).values(**values))
    for key, value in values.items():
        setattr(report, key, value)
    session.add(
        ReportStep(
            report_id=report.id,
            step=step,
            from_status=report.status,
            to_status=report.status,
            actor=actor.username,
            details={**details, "actor_subject": actor.subject},
            at=at,
        )
    )
    await session.flush()
    return report


async def record_notice(
    *,
    session: AsyncSession,
    report: Report,
    data: NoticeIn,
    actor: Principal,
    completion_days: int,
) -> Report:
    """Records the notice sent to the reporter of an incomplete report; the first one
    starts the completion deadline, a later one (a reminder) leaves it as it is."""
    if report.status != ReportStatus.awaiting_completion:
        raise IntakeStepRefused(
            "A completeness notice is only for a report awaiting completion.",
            code="notice_not_awaiting_completion",
            params={"status": named(REPORT_STATUSES, report.status)},
            current_status=report.status,
        )
    sent_at = data.sent_at or datetime.now(UTC)
    incomplete = await session.execute(
        select(func.max(ReportStep.at)).where(
            ReportStep.report_id == report.id, ReportStep.step == "formal_incomplete"
        )
    )
    found_at = incomplete.scalar_one_or_none()
    if found_at is not None and sent_at < found_at:
        raise InvalidInput.field(
            "#/body/sent_at",
            f"Laporan dinyatakan belum lengkap pada {found_at.isoformat()}; pemberitahuan"
            " tidak dapat lebih awal.",
            code="before_previous_step",
            previous=found_at.isoformat(),
        )
    calendar = await office_calendar(session, report.office)
    due = rules.deadline_after_incomplete(report.completion_due, sent_at, completion_days, calendar)
    session.add(
        Notice(
            report_id=report.id,
            channel=data.channel.value,
            message=data.message,
            reason="formal_incomplete",
            sent_by=actor.username,
            sent_at=sent_at,
        )
    )
    await queue_incomplete(
        session=session, report=report, notice=data.message, due=due, calendar=calendar
    )
    return await record(
        session=session,
        report=report,
        step="notice",
        actor=actor,
        details={
            "channel": data.channel.value,
            "sent_at": sent_at.isoformat(),
            "completion_due": due.isoformat() if due else None,
        },
        changes={"completion_due": due},
        at=sent_at,
    )


async def record_age_exception(
    *, session: AsyncSession, report: Report, data: AgeException, actor: Principal, years: int
) -> Report:
    """A head lets an event older than the limit pass formal verification, with a reason
    kept in the report's history (who, when, why)."""
    status = ReportStatus(report.status)
    if status not in BEFORE_FORMAL:
        raise IntakeStepRefused(
            "The age limit is excepted only before formal verification is done.",
            code="formal_check_done",
            params={"status": named(REPORT_STATUSES, status.value)},
            current_status=status.value,
        )
    if AGE_EXCEPTED in report.flags:
        raise IntakeConflict(
            "The age limit exception is recorded for this report already.",
            code="age_exception_recorded",
        )
    calendar = await office_calendar(session, report.office)
    received_on = calendar.local_date(report.received_at)
    # An unknown event date leaves the age to the officer's finding: the head may except it.
    if report.event_date is not None and not event_too_old(
        report.event_date, received_on, years=years
    ):
        event_date = report.event_date.isoformat()
        raise IntakeConflict(
            f"The event ({event_date}) is within {years} years before the report was"
            f" received ({received_on.isoformat()}): no exception is needed.",
            code="event_within_limit",
            params={
                "event_date": event_date,
                "years": years,
                "received_on": received_on.isoformat(),
            },
        )
    return await record(
        session=session,
        report=report,
        step="age_limit_exception",
        actor=actor,
        details={
            "reason": data.reason,
            "event_date": report.event_date.isoformat() if report.event_date else None,
            "received_on": received_on.isoformat(),
            "limit_years": years,
        },
        changes={"flags": [*report.flags, AGE_EXCEPTED]},
        at=datetime.now(UTC),
    )
