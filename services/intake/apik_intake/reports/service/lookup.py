"""Finding one report as a caller may see it, and its history."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_intake.models import Report, ReportStep
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
