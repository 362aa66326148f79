"""Routing a report to another office (another Perwakilan, headquarters, the agency's
region): the report, its reporter and its files go with it; the number stays."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from apik_intake.models import Report, Reporter, ReportStep
from apik_intake.refusals import IntakeStepRefused
from apik_intake.reports.rules import ReportStatus
from apik_intake.routing import rules
from apik_intake.steps.service import ref
from apik_shared.platform.auth import Principal
from apik_shared.platform.events.payloads.intake import ReportRouted
from apik_shared.platform.events.publish import publish
from apik_shared.platform.problems import InvalidInput
from apik_shared.vocabulary.labels import REPORT_STATUSES, named


async def route(
    *, session: AsyncSession, report: Report, office: str, reason: str, actor: Principal
) -> Report:
    if office == report.office:
        raise InvalidInput.field(
            "#/body/office", "The report is in this office already.", code="same_office"
        )
    status = ReportStatus(report.status)
    if status not in rules.ROUTABLE:
        raise IntakeStepRefused(
            f"A report that is {status.value} is no longer routed.",
            code="report_not_routed",
            params={"status": named(REPORT_STATUSES, status.value)},
            current_status=status.value,
        )
    now, from_office = datetime.now(UTC), report.office
    await session.execute(
        update(Report)
        .where(col(Report.id) == report.id)
        .values(office=office, updated_at=now, version=report.version + 1)
    )
    # The reporter moves too, so the new office recognises them when they report again.
    await session.execute(
        update(Reporter).where(col(Reporter.id) == report.reporter_id).values(office=office)
    )
    report.office, report.updated_at, report.version = office, now, report.version + 1
    session.add(
        ReportStep(
            report_id=report.id,
            step="routed",
            from_status=status.value,
            to_status=status.value,
            actor=actor.username,
            details={"from_office": from_office, "to_office": office, "reason": reason},
            at=now,
        )
    )
    await publish(
        session,
        ReportRouted(
            **ref(report),
            from_office=from_office,
            reason=reason,
            routed_at=now,
            routed_by=actor.username,
        ),
        subject=str(report.id),
    )
    await session.flush()
    return report
