"""The steps a report goes through: verification, the plenary, the answer to a KNL."""

from __future__ import annotations

from fastapi import Response

from apik_intake.deps import AUTH, CurrentSettings, LockedReport, Officer
from apik_intake.reports.schemas import ReportDetail
from apik_intake.reports.views import detail, json_response
from apik_intake.steps import service
from apik_intake.steps.schemas import (
    Answer,
    FormalVerification,
    MaterialVerification,
    PlenaryDecision,
)
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
STEP_PROBLEMS = problem_responses(
    *AUTH, NotFound, InvalidInput, TransitionNotAllowed, PreconditionFailed
)


@router.post(
    "/reports/{report_id}/formal-verification",
    response_model=ReportDetail,
    responses=STEP_PROBLEMS,
)
async def formal_verification(
    data: FormalVerification,
    session: DbSession,
    actor: Officer,
    report: LockedReport,
    settings: CurrentSettings,
) -> Response:
    report = await service.verify_formally(
        session=session,
        report=report,
        data=data,
        actor=actor,
        completion_days=settings.completion_days_for(report.office),
    )
    return json_response(200, await detail(session, report))


@router.post(
    "/reports/{report_id}/material-verification",
    response_model=ReportDetail,
    responses=STEP_PROBLEMS,
)
async def material_verification(
    data: MaterialVerification, session: DbSession, actor: Officer, report: LockedReport
) -> Response:
    report = await service.verify_materially(session=session, report=report, data=data, actor=actor)
    return json_response(200, await detail(session, report))


@router.post(
    "/reports/{report_id}/plenary-decision",
    response_model=ReportDetail,
    responses=STEP_PROBLEMS,
)
async def plenary_decision(
    data: PlenaryDecision, session: DbSession, actor: Officer, report: LockedReport
) -> Response:
    report = await service.decide_plenary(session=session, report=report, data=data, actor=actor)
    return json_response(200, await detail(session, report))


@router.post(
    "/reports/{report_id}/answer",
    response_model=ReportDetail,
    responses=STEP_PROBLEMS,
)
async def answer_consultation(
    data: Answer, session: DbSession, actor: Officer, report: LockedReport
) -> Response:
    """Answers a consultation (KNL) and closes it."""
    report = await service.answer_consultation(
        session=session, report=report, data=data, actor=actor
    )
    return json_response(200, await detail(session, report))
