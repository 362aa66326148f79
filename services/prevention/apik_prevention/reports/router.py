"""The prevention reports: a year's or a quarter's, as PDF or XLSX."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Path, Query, Request, Response

from apik_prevention.deps import AUTH, ReportOffice
from apik_prevention.reports import service, views
from apik_prevention.reports.rules import Period
from apik_prevention.reports.schemas import ReportFormat
from apik_shared.documents.spreadsheet import MEDIA_TYPE as XLSX
from apik_shared.platform.db import DbSession
from apik_shared.platform.problems import InvalidInput, problem_responses
from apik_shared.platform.routing import ServiceRouter
from apik_shared.vocabulary.files import content_disposition

router = ServiceRouter(tags=["reports"])
PDF = "application/pdf"
FILES: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {
            PDF: {"schema": {"type": "string", "format": "binary"}},
            XLSX: {"schema": {"type": "string", "format": "binary"}},
        }
    }
}
ReportYear = Annotated[int, Path(ge=2000, le=2100, description="calendar year")]
Quarter = Annotated[int, Path(ge=1, le=4, description="quarter, 1-4")]
Format = Annotated[
    ReportFormat | None,
    Query(description="pdf or xlsx; without it, the Accept header decides (PDF by default)"),
]


def _wanted(request: Request, format: ReportFormat | None) -> ReportFormat:
    if format is not None:
        return format
    accept = request.headers.get("accept", "").lower()
    types = {part.split(";")[0].strip() for part in accept.split(",")}
    return ReportFormat.xlsx if XLSX in types and PDF not in types else ReportFormat.pdf


async def _report(
    request: Request,
    session: DbSession,
    office: str,
    period: Period,
    format: ReportFormat | None,
) -> Response:
    data = await service.report_data(session=session, office=office, period=period)
    wanted = _wanted(request, format)
    name = f"laporan-pencegahan-{office}-{period.slug}.{wanted.value}"
    if wanted is ReportFormat.xlsx:
        content, media_type = views.render_xlsx(data), XLSX
    else:
        content, media_type = views.render_pdf(data), PDF
    return Response(
        content, media_type=media_type, headers={"Content-Disposition": content_disposition(name)}
    )


@router.get(
    "/reports/{year}",
    response_class=Response,
    responses={**FILES, **problem_responses(*AUTH, InvalidInput)},
)
async def get_annual_report(
    year: ReportYear,
    request: Request,
    session: DbSession,
    office: ReportOffice,
    format: Format = None,
) -> Response:
    """The annual prevention report of the caller's office (or, for the national role, the
    office named): assessments published and their
    results, studies' suggestions and their follow-up, clinics with their N-gain, focal
    points per regency, agreements in force; publications, social media, innovations,
    anti-maladministration villages and the Sahabat Ombudsman community (counts, no names).
    Bahasa Indonesia, dates in the office's zone."""
    return await _report(request, session, office, Period(year), format)


@router.get(
    "/reports/{year}/q{quarter}",
    response_class=Response,
    responses={**FILES, **problem_responses(*AUTH, InvalidInput)},
)
async def get_quarterly_report(
    year: ReportYear,
    quarter: Quarter,
    request: Request,
    session: DbSession,
    office: ReportOffice,
    format: Format = None,
) -> Response:
    """The same report for one quarter (`q1` January-March … `q4` October-December)."""
    return await _report(request, session, office, Period(year, quarter), format)
