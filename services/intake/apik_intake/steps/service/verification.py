"""Formal verification with its checklist, the reporter's notice and the deadline job."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pydantic_core import PydanticCustomError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_intake.models import Notice, Report, Reporter
from apik_intake.notifications.service.queue import queue_incomplete
from apik_intake.reporters.rules import unseal
from apik_intake.reporters.service import identity_read
from apik_intake.reports.rules import AGE_EXCEPTED, ReportStatus, Step
from apik_intake.steps import rules
from apik_intake.steps.schemas import FormalVerification
from apik_intake.steps.service.transitions import apply_step, ensure_allowed
from apik_shared.platform.auth import Principal
from apik_shared.platform.crypto import FieldCipher
from apik_shared.platform.offices import office_calendar
from apik_shared.platform.problems import InvalidInput
from apik_shared.vocabulary.field_errors import invalid
from apik_shared.vocabulary.labels import named_each

# The actor of the service's own steps.
SYSTEM = Principal(subject="system:intake", username="system:intake", office="")


async def _identity_gaps(
    *, session: AsyncSession, cipher: FieldCipher, report: Report, actor: Principal
) -> list[str]:
    """What the sealed identity lacks. Opening it to check is a processing of the
    reporter's data, so it is audited like a read, though nothing of it is shown."""
    reporter = await session.get(Reporter, report.reporter_id)
    identity = None
    if reporter is not None and reporter.identity is not None:
        identity = unseal(cipher, reporter.id, reporter.identity)
    session.add(
        identity_read(
            report,
            actor,
            purpose="verifikasi formil: kelengkapan identitas",
            disclosure="withheld",
            at=datetime.now(UTC),
        )
    )
    return rules.identity_gaps(identity, represented=report.represented)


def _refusal(gaps: list[str], identity_missing: list[str], *, limit: int) -> InvalidInput:
    """The problem naming every checklist item that stands in the way of "complete"."""
    return InvalidInput.each(
        [(f"#/body/checklist/{gap}", _gap(gap, identity_missing, limit)) for gap in gaps]
    )


def _gap(gap: str, identity_missing: list[str], limit: int) -> PydanticCustomError:
    """A checklist item's refusal: its code and params for the app to word, and the
    English `detail` (the contract's: the app words the code, not the detail)."""
    if gap == "identity":
        person = [g for g in identity_missing if g != "power_of_attorney"]
        if not person:
            said = "The reporter's identity is not declared complete."
            return invalid("identity_incomplete", said, missing="none")
        said = "The reporter's identity lacks: {missing}."
        return invalid(
            "identity_incomplete", said, missing=named_each(rules.IDENTITY_ITEMS, person)
        )
    if gap == "power_of_attorney":
        said = "The power of attorney (its number in the reporter's representative) is missing."
        return invalid("power_of_attorney_missing", said)
    if gap == "within_two_years":
        said = (
            "The event was more than {limit} years before the report was received; the"
            " head of office may record an exception with a reason."
        )
        return invalid("event_too_old", said, limit=limit)
    said = "Checklist item {item} is not met, so the report is not complete."
    return invalid("checklist_item_unmet", said, item=gap)


async def verify_formally(
    *,
    session: AsyncSession,
    cipher: FieldCipher,
    report: Report,
    data: FormalVerification,
    actor: Principal,
    completion_days: int,
    age_limit_years: int,
) -> Report:
    step = Step.formal_complete if data.complete else Step.formal_incomplete
    # Not a step of this report now (a KNL, an IPS, one verified already): say so before
    # judging a body that does not apply.
    ensure_allowed(report, step)
    details: dict[str, Any] = data.model_dump(
        mode="json", exclude_none=True, exclude={"decided_at"}
    )
    calendar = await office_calendar(session, report.office)
    missing = list(data.missing)
    if data.checklist is not None:
        identity_missing = await _identity_gaps(
            session=session, cipher=cipher, report=report, actor=actor
        )
        gaps = rules.formal_gaps(
            data.checklist.model_dump(),
            represented=report.represented,
            identity_missing=identity_missing,
            within_limit=rules.within_age_limit(
                report.event_date,
                calendar.local_date(report.received_at),
                years=age_limit_years,
                ticked=data.checklist.within_two_years,
            ),
            excepted=AGE_EXCEPTED in report.flags,
        )
        if data.complete and gaps:
            raise _refusal(gaps, identity_missing, limit=age_limit_years)
        missing = missing or gaps
        details["missing"] = missing
        if identity_missing:
            details["identity_missing"] = identity_missing
    elif data.complete:
        # Passing is the checklist's decision: without it nothing says the identity is
        # complete or the event recent. An "incomplete" may name what is missing instead.
        raise InvalidInput.field(
            "#/body/checklist",
            "Daftar periksa verifikasi formil wajib untuk meloloskan laporan.",
            code="checklist_required",
        )
    if not data.complete and not missing:
        raise InvalidInput.field(
            "#/body/missing",
            "Say what is missing when it is incomplete.",
            code="missing_items_required",
        )
    now = data.decided_at or datetime.now(UTC)
    changes: dict[str, Any] = {"completion_due": None}
    notified_at = None
    if data.notification is not None:
        notified_at = data.notification.sent_at or now
    if not data.complete:
        # In the office's own zone, from the office registry: the reporter's days end at
        # the office's midnight (WIT's for Jayapura, 2 h before WIB's).
        due = rules.deadline_after_incomplete(
            report.completion_due, notified_at, completion_days, calendar
        )
        changes["completion_due"] = due
        details["completion_due"] = due.isoformat() if due else None
    report = await apply_step(
        session=session,
        report=report,
        step=step,
        actor=actor,
        details=details,
        changes=changes,
        decided_at=data.decided_at,
    )
    if data.notification is not None and notified_at is not None:
        session.add(
            Notice(
                report_id=report.id,
                channel=data.notification.channel.value,
                message=data.notification.message,
                reason=step.value,
                sent_by=actor.username,
                sent_at=notified_at,
            )
        )
        if not data.complete:
            await queue_incomplete(
                session=session,
                report=report,
                notice=data.notification.message,
                due=report.completion_due,
                calendar=calendar,
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
