"""The annual performance report as a PDF (Bahasa Indonesia)."""

from __future__ import annotations

from typing import Any

from fastapi import Response

from apik_reporting.annual_report.service import annual_report_pdf
from apik_reporting.deps import AUTH, CurrentSettings, Scope, YearPath
from apik_shared.platform.db import DbSession
from apik_shared.platform.problems import InvalidInput, problem_responses
from apik_shared.platform.routing import ServiceRouter

router = ServiceRouter(tags=["annual report"])
PDF: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}}
}


@router.get(
    "/annual-report/{year}.pdf",
    response_class=Response,
    responses={**PDF, **problem_responses(*AUTH, InvalidInput)},
)
async def get_pdf(
    year: YearPath,
    session: DbSession,
    scope: Scope,
    settings: CurrentSettings,
) -> Response:
    """Targets, achievements, breakdowns, two charts and the definitions, for one office
    (or every office together, for national callers who name none)."""
    content = await annual_report_pdf(
        session=session, year=year, office=scope, national_office=settings.national_office
    )
    filename = f"laporan-kinerja-{scope or 'nasional'}-{year}.pdf"
    return Response(
        content,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
