"""The annual report's use case: gather the year's numbers, build the PDF."""

from __future__ import annotations

import asyncio
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from apik_reporting.annual_report.views import AnnualData, annual_report
from apik_reporting.breakdowns.rules import Dimension
from apik_reporting.breakdowns.service import breakdown
from apik_reporting.kpis.service import ikm_of_year, kpis
from apik_reporting.prevention.service import prevention_kpis
from apik_shared.documents.issuer import issuer_of, national_issuer


async def annual_data(
    *, session: AsyncSession, year: int, office: str | None, national_office: str | None = None
) -> AnnualData:
    """The same numbers the API returns (targets, achievements, breakdowns, the IKM, the
    prevention KPIs),
    under the office's letterhead from the office registry, dated today in its own zone
    (every office together: under `national_office`'s, the head office)."""
    breakdowns = {
        d: (await breakdown(session=session, dimension=d, year=year, office=office))[1]
        for d in Dimension
    }
    issuer = (
        await issuer_of(session, office)
        if office
        else await national_issuer(session, national_office)
    )
    today = datetime.now(ZoneInfo(issuer.timezone)).date()
    return AnnualData(
        year=year,
        office=office,
        kpis=await kpis(session=session, year=year, office=office),
        breakdowns=breakdowns,
        generated_on=today,
        ikm=await ikm_of_year(session=session, year=year, office=office),
        issuer=issuer,
        prevention=await prevention_kpis(session=session, year=year, office=office),
    )


async def annual_report_pdf(
    *, session: AsyncSession, year: int, office: str | None, national_office: str | None
) -> bytes:
    data = await annual_data(
        session=session, year=year, office=office, national_office=national_office
    )
    # fpdf2 is pure Python and synchronous: build off the event loop.
    return await asyncio.to_thread(annual_report, data)
