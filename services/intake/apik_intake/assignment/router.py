"""Assigning a report to a PVL staff member (by a supervisor), with If-Match."""

from __future__ import annotations

from fastapi import Response

from apik_intake.assignment import service
from apik_intake.assignment.schemas import AssignmentIn
from apik_intake.deps import AUTH, Assigner, CallerPermits, LockedReport
from apik_intake.reports.schemas import ReportDetail
from apik_intake.reports.views import detail, json_response
from apik_shared.platform.db import DbSession
from apik_shared.platform.problems import (
    Conflict,
    InvalidInput,
    NotFound,
    PreconditionFailed,
    problem_responses,
)
from apik_shared.platform.routing import ServiceRouter

router = ServiceRouter(tags=["reports"])


@router.post(
    "/reports/{report_id}/assign",
    response_model=ReportDetail,
    responses=problem_responses(*AUTH, NotFound, InvalidInput, Conflict, PreconditionFailed),
)
async def assign_report(
    data: AssignmentIn,
    session: DbSession,
    actor: Assigner,
    report: LockedReport,
    permits: CallerPermits,
) -> Response:
    """Gives the report to a staff member (the subject of their token, `user:…`), hands it
    to another, or takes it back with `{"assignee": null}`. Recorded in the history."""
    report = await service.assign(
        session=session, report=report, assignee=data.assignee, actor=actor, note=data.note
    )
    return json_response(200, await detail(session, report, permits))
