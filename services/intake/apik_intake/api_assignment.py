"""Assigning a report to a PVL staff member (by a supervisor), with If-Match."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Request, Response

from apik_intake import assignment, service
from apik_intake.deps import AUTH, Assigner
from apik_intake.schemas import ReportDetail
from apik_intake.schemas_steps import AssignmentIn
from apik_intake.views import detail, json_response
from apik_shared.db import DbSession, TransactionalRoute
from apik_shared.etag import check_if_match
from apik_shared.problems import (
    Conflict,
    InvalidInput,
    NotFound,
    PreconditionFailed,
    problem_responses,
)

router = APIRouter(route_class=TransactionalRoute, tags=["reports"])


@router.post(
    "/reports/{report_id}/assign",
    response_model=ReportDetail,
    responses=problem_responses(*AUTH, NotFound, InvalidInput, Conflict, PreconditionFailed),
    operation_id="intake_assign_report",
)
async def assign_report(
    report_id: uuid.UUID,
    data: AssignmentIn,
    request: Request,
    session: DbSession,
    actor: Assigner,
) -> Response:
    """Gives the report to a staff member (the subject of their token, `user:…`), hands it
    to another, or takes it back with `{"assignee": null}`. Recorded in the history."""
    report = await service.get_report(
        session=session, report_id=report_id, actor=actor, for_update=True
    )
    check_if_match(request, report.version)
    report = await assignment.assign(
        session=session, report=report, assignee=data.assignee, actor=actor, note=data.note
    )
    return json_response(200, await detail(session, report))
