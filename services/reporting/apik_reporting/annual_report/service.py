"""The annual report's use case: gather the year's numbers, build the PDF."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from apik_reporting.annual_report.views import AnnualData, annual_report
from apik_reporting.breakdowns.rules import Dimension
from apik_reporting.breakdowns.service import breakdown
from apik_reporting.kpis.service import ikm_of_year, kpis
from apik_shared.platform.offices import office_calendar


async def annual_data(*, session: AsyncSession, year: int, office: str | None) -> AnnualData:
    """The same numbers the API returns (targets, achievements, breakdowns, the IKM),
    dated today in the office's own zone, from the office registry (UTC for every office
    together)."""
    breakdowns = {
        d: (await breakdown(session=session, dimension=d, year=year, office=office))[1]
        for d in Dimension
    }
    now = datetime.now(UTC)
    today = (await office_calendar(session, office)).local_date(now) if office else now.date()
    return AnnualData(
        year=year,
        office=office,
        kpis=await kpis(session=session, year=year, office=office),
        breakdowns=breakdowns,
        generated_on=today,
        ikm=await ikm_of_year(session=session, year=year, office=office),
    )


async def annual_report_pdf(*, session: AsyncSession, year: int, office: str | None) -> bytes:
    data = await annual_data(session=session, year=year, office=office)
    # fpdf2 is pure Python and synchronous: build off the event loop.
    return await asyncio.to_thread(annual_report, data)
