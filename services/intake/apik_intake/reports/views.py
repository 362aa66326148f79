"""Shaping a report row into the bodies staff read (every feature that answers with the
report uses these)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from fastapi.responses import JSONResponse
from sqlalchemy.ext.asyncio import AsyncSession

from apik_intake.models import Report
from apik_intake.reporters.service import link_summaries
from apik_intake.reports import rules
from apik_intake.reports.schemas import (
    AgencyPublic,
    RegionPublic,
    ReportDetail,
    ReporterPublic,
    ReportPublic,
    StepPublic,
)
from apik_intake.reports.service.lookup import timeline
from apik_intake.reports.service.registration import Registered
from apik_shared.platform.etag import set_etag

Link = tuple[uuid.UUID, list[str]]
_NESTED = {
    "reporter_id",
    "reported_agency",
    "agency_type",
    "agency_province",
    "agency_regency",
    "location_province",
    "location_regency",
    "status",
    "confidential",
    # Secrets of the reporter's tracking page, never shown to staff.
    "tracking_pin_hash",
    "survey_token",
}


def _region(province: str | None, regency: str | None) -> RegionPublic | None:
    return RegionPublic(province=province, regency=regency) if province else None


def public(report: Report, link: Link | None) -> ReportPublic:
    # A confidential report's person ties it to the person's other reports, whose
    # identity most roles read: it is shown only with the identity, audited.
    person_id, matched_on = (None, []) if report.confidential or link is None else link
    status, kind = rules.ReportStatus(report.status), rules.Kind(report.kind)
    agency = (
        AgencyPublic(
            name=report.reported_agency,
            type=report.agency_type,
            region=_region(report.agency_province, report.agency_regency),
        )
        if report.reported_agency
        else None
    )
    return ReportPublic(
        **report.model_dump(exclude=_NESTED),
        status=status,
        reporter=ReporterPublic(
            id=report.reporter_id,
            confidential=report.confidential,
            person_id=person_id,
            matched_on=matched_on,
        ),
        reported_agency=agency,
        location=_region(report.location_province, report.location_regency),
        allowed_steps=[s.value for s in rules.allowed_steps(status, kind=kind)],
    )


async def public_page(session: AsyncSession, rows: Sequence[Report]) -> list[ReportPublic]:
    links = await link_summaries(session=session, reporter_ids=[r.reporter_id for r in rows])
    return [public(r, links.get(r.reporter_id)) for r in rows]


async def detail(session: AsyncSession, report: Report) -> ReportDetail:
    steps = await timeline(session=session, report_id=report.id)
    links = await link_summaries(session=session, reporter_ids=[report.reporter_id])
    return ReportDetail(
        **public(report, links.get(report.reporter_id)).model_dump(),
        timeline=[StepPublic.model_validate(s, from_attributes=True) for s in steps],
    )


def registered(registration: Registered) -> ReportDetail:
    """A new report's answer, from what registration wrote (no query)."""
    return ReportDetail(
        **public(registration.report, registration.link).model_dump(),
        timeline=[StepPublic.model_validate(s, from_attributes=True) for s in registration.steps],
    )


def json_response(status: int, body: ReportDetail) -> JSONResponse:
    response = JSONResponse(body.model_dump(mode="json"), status_code=status)
    set_etag(response, body.version)
    return response
