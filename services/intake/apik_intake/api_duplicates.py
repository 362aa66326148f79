"""Duplicates, copies and merges; routing to another office; a report's full history."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Request, Response

from apik_intake import duplicates, routing, service
from apik_intake.deps import AUTH, Officer, Reader
from apik_intake.schemas import ReportDetail
from apik_intake.schemas_public import DuplicatePublic, HistoryItem, LinkIn, RouteIn
from apik_intake.views import detail, json_response
from apik_shared.db import DbSession, TransactionalRoute
from apik_shared.etag import check_if_match
from apik_shared.pagination import Page
from apik_shared.problems import (
    Conflict,
    InvalidInput,
    NotFound,
    PreconditionFailed,
    TransitionNotAllowed,
    problem_responses,
)

router = APIRouter(route_class=TransactionalRoute, tags=["duplicates"])


@router.get(
    "/reports/{report_id}/duplicates",
    response_model=Page[DuplicatePublic],
    responses=problem_responses(*AUTH, NotFound),
    operation_id="intake_list_duplicate_candidates",
)
async def list_duplicates(
    report_id: uuid.UUID, session: DbSession, actor: Reader
) -> Page[DuplicatePublic]:
    await service.get_report(session=session, report_id=report_id, actor=actor)
    rows = await duplicates.candidates_of(session=session, report_id=report_id)
    return Page(
        items=[
            DuplicatePublic(
                report_id=other.id,
                registration_number=other.registration_number,
                score=candidate.score,
                reasons=candidate.reasons,
                kind=other.kind,
                status=other.status,
                summary=other.summary,
                created_at=other.created_at,
            )
            for candidate, other in rows
        ]
    )


@router.post(
    "/reports/{report_id}/links",
    response_model=ReportDetail,
    responses=problem_responses(*AUTH, NotFound, InvalidInput, Conflict, PreconditionFailed),
    operation_id="intake_link_report",
)
async def link_report(
    report_id: uuid.UUID, data: LinkIn, request: Request, session: DbSession, actor: Officer
) -> Response:
    """Marks the report a duplicate or a copy of another, or merges it into the other."""
    report = await service.get_report(
        session=session, report_id=report_id, actor=actor, for_update=True
    )
    check_if_match(request, report.version)
    try:
        target = await service.get_report(
            session=session, report_id=data.target_report_id, actor=actor, for_update=True
        )
    except NotFound as exc:
        raise InvalidInput.field(
            "#/body/target_report_id", "No such report in this office."
        ) from exc
    report = await duplicates.link(
        session=session, report=report, target=target, link_type=data.link, actor=actor
    )
    return json_response(200, await detail(session, report))


@router.get(
    "/reports/{report_id}/history",
    response_model=Page[HistoryItem],
    responses=problem_responses(*AUTH, NotFound),
    operation_id="intake_report_history",
)
async def report_history(
    report_id: uuid.UUID, session: DbSession, actor: Reader
) -> Page[HistoryItem]:
    """Every transition with actor and time, those of merged reports included."""
    report = await service.get_report(session=session, report_id=report_id, actor=actor)
    rows = await duplicates.history(session=session, report=report)
    return Page(
        items=[
            HistoryItem(
                report_id=step.report_id,
                registration_number=number,
                step=step.step,
                from_status=step.from_status,
                to_status=step.to_status,
                actor=step.actor,
                details=step.details,
                at=step.at,
            )
            for step, number in rows
        ]
    )


@router.post(
    "/reports/{report_id}/route",
    response_model=ReportDetail,
    responses=problem_responses(
        *AUTH, NotFound, InvalidInput, TransitionNotAllowed, PreconditionFailed
    ),
    tags=["reports"],
    operation_id="intake_route_report",
)
async def route_report(
    report_id: uuid.UUID, data: RouteIn, request: Request, session: DbSession, actor: Officer
) -> Response:
    """Sends the report to another office, which carries on from the same status."""
    report = await service.get_report(
        session=session, report_id=report_id, actor=actor, for_update=True
    )
    check_if_match(request, report.version)
    report = await routing.route(
        session=session, report=report, office=data.office, reason=data.reason, actor=actor
    )
    return json_response(200, await detail(session, report))
