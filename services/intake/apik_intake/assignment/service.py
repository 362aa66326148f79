"""Giving a report to a PVL staff member, and taking it back. Not a transition: the
status stays, and the step is recorded in the report's history like any other."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from apik_intake.assignment import rules
from apik_intake.models import Report, ReportStep
from apik_intake.refusals import IntakeConflict, IntakeStepRefused
from apik_intake.reports.rules import ReportStatus
from apik_shared.platform.auth import Principal
from apik_shared.vocabulary.labels import REPORT_STATUSES, named


async def assign(
    *,
    session: AsyncSession,
    report: Report,
    assignee: str | None,
    actor: Principal,
    note: str | None = None,
) -> Report:
    """Sets (or clears, with None) the report's assignee; the report row is locked."""
    if assignee == report.assignee and assignee is not None:
        raise IntakeConflict(
            f"The report is already assigned to {assignee}.",
            code="already_assigned",
            params={"assignee": assignee},
        )
    if assignee == report.assignee:
        raise IntakeConflict("The report is already unassigned.", code="already_unassigned")
    status = ReportStatus(report.status)
    # Work is handed out while intake works on the report; taking it back is always fine.
    if assignee is not None and status not in rules.ASSIGNABLE:
        raise IntakeStepRefused(
            f"A report that is {status.value} is no longer assigned at intake.",
            code="report_not_assignable",
            params={"status": named(REPORT_STATUSES, status.value)},
            current_status=status.value,
        )
    now, previous = datetime.now(UTC), report.assignee
    values: dict[str, Any] = {
        "assignee": assignee,
        "assigned_at": now if assignee else None,
        "updated_at": now,
        "version": report.version + 1,
    }
    await session.execute(update(Report).where(col(Report.id) == report.id).values(**values))
    for key, value in values.items():
        setattr(report, key, value)
    details: dict[str, Any] = {"from": previous, "to": assignee}
    if note:
        details["note"] = note
    session.add(
        ReportStep(
            report_id=report.id,
            step=rules.assignment_step(previous=previous, assignee=assignee),
            from_status=status.value,
            to_status=status.value,
            actor=actor.username,
            details=details,
            at=now,
        )
    )
    await session.flush()
    return report
