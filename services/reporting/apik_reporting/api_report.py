"""The annual performance report as a PDF (Bahasa Indonesia)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

from fastapi import Response

from apik_reporting.annual_report import AnnualData, annual_report
from apik_reporting.breakdowns.rules import Dimension
from apik_reporting.breakdowns.service import breakdown
from apik_reporting.deps import AUTH, CurrentSettings, Scope, YearPath
from apik_reporting.kpis import service
from apik_reporting.kpis.service import ikm_of_year
from apik_shared.db import DbSession
from apik_shared.problems import InvalidInput, problem_responses
from apik_shared.routing import ServiceRouter

router = ServiceRouter(tags=["annual report"])
PDF: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}}
}


@router.get(
    "/annual-report/{year}.pdf",
    response_class=Response,
    responses={**PDF, **problem_responses(*AUTH, InvalidInput)},
)
async def get_annual_report(
    year: YearPath,
    session: DbSession,
    settings: CurrentSettings,
    scope: Scope,
) -> Response:
    """Targets, achievements, breakdowns, two charts and the definitions, for one office
    (or every office together, for national callers who name none)."""
    kpis = await service.kpis(session=session, year=year, office=scope)
    breakdowns = {
        d: (await breakdown(session=session, dimension=d, year=year, office=scope))[1]
        for d in Dimension
    }
    today = (
        datetime.now(settings.zone_for(scope or "")).date() if scope else datetime.now(UTC).date()
    )
    data = AnnualData(
        year=year,
        office=scope,
        kpis=kpis,
        breakdowns=breakdowns,
        generated_on=today,
        ikm=await ikm_of_year(session=session, year=year, office=scope),
    )
    # fpdf2 is pure Python and synchronous: build off the event loop.
    content = await asyncio.to_thread(annual_report, data)
    filename = f"laporan-kinerja-{scope or 'nasional'}-{year}.pdf"
    return Response(
        content,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
