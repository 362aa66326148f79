"""Routing a report to another office (another Perwakilan, headquarters, the agency's
region)."""

from __future__ import annotations

from fastapi import Response

from apik_intake.deps import AUTH, CallerPermits, LockedReport, Officer
from apik_intake.reports.schemas import ReportDetail
from apik_intake.reports.views import detail, json_response
from apik_intake.routing import service
from apik_intake.routing.schemas import RouteIn
from apik_shared.platform.db import DbSession
from apik_shared.platform.problems import (
    InvalidInput,
    NotFound,
    PreconditionFailed,
    TransitionNotAllowed,
    problem_responses,
)
from apik_shared.platform.routing import ServiceRouter

router = ServiceRouter(tags=["reports"])


@router.post(
    "/reports/{report_id}/route",
    response_model=ReportDetail,
    responses=problem_responses(
        *AUTH, NotFound, InvalidInput, TransitionNotAllowed, PreconditionFailed
    ),
)
async def route_report(
    data: RouteIn, session: DbSession, actor: Officer, report: LockedReport, permits: CallerPermits
) -> Response:
    """Sends the report to another office, which carries on from the same status."""
    report = await service.route(
        session=session, report=report, office=data.office, reason=data.reason, actor=actor
    )
    return json_response(200, await detail(session, report, permits))
