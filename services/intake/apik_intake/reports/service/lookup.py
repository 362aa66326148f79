"""Finding one report as a caller may see it, and its history."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_intake.models import Report, Reporter, ReportStep
from apik_shared.platform.access import get_in_office
from apik_shared.platform.auth import Principal


async def get_report(
    *, session: AsyncSession, report_id: uuid.UUID, actor: Principal, for_update: bool = False
) -> Report:
    return await get_in_office(
        session=session,
        model=Report,
        ident=report_id,
        actor=actor,
        label="report",
        for_update=for_update,
    )


async def timeline(*, session: AsyncSession, report_id: uuid.UUID) -> list[ReportStep]:
    steps = await session.execute(
        select(ReportStep).where(ReportStep.report_id == report_id).order_by(col(ReportStep.id))
    )
    return list(steps.scalars())


async def timeline_and_link(
    *, session: AsyncSession, report: Report
) -> tuple[list[ReportStep], tuple[uuid.UUID, list[str]]]:
    """The report's steps, and its reporter's person and what recognised them (no
    identity), in one read: every step's answer and every report shown has both."""
    rows = (
        await session.execute(
            select(Reporter.person_id, Reporter.matched_on, ReportStep)
            .outerjoin(ReportStep, col(ReportStep.report_id) == report.id)
            .where(col(Reporter.id) == report.reporter_id)
            .order_by(col(ReportStep.id))
        )
    ).all()
    if not rows:  # pragma: no cover - the foreign key keeps the reporter's row
        raise LookupError(f"no reporter row for report {report.id}")
    person_id, matched_on = rows[0][0], rows[0][1]
    return [row[2] for row in rows if row[2] is not None], (person_id, list(matched_on))
