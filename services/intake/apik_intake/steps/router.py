"""The steps a report goes through: verification, the plenary, the answer to a KNL."""

from __future__ import annotations

from fastapi import Response

from apik_intake.deps import (
    AUTH,
    CallerPermits,
    Cipher,
    CurrentSettings,
    IndexKey,
    LockedReport,
    Manager,
    Officer,
)
from apik_intake.reports.schemas import ReportDetail
from apik_intake.reports.views import detail, json_response
from apik_intake.steps import service
from apik_intake.steps.schemas import (
    AgeException,
    Answer,
    FormalVerification,
    IdentityCompletion,
    MaterialVerification,
    NoticeIn,
    PlenaryDecision,
)
from apik_shared.platform.db import DbSession
from apik_shared.platform.problems import (
    Conflict,
    InvalidInput,
    NotFound,
    PreconditionFailed,
    TransitionNotAllowed,
    problem_responses,
)
from apik_shared.platform.routing import ServiceRouter

router = ServiceRouter(tags=["reports"])
STEP_ERRORS = (*AUTH, NotFound, InvalidInput, TransitionNotAllowed, PreconditionFailed)
STEP_PROBLEMS = problem_responses(*STEP_ERRORS)


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
    cipher: Cipher,
    permits: CallerPermits,
) -> Response:
    """The checklist decides: an LM or RCO passes only with the reporter's identity
    complete and the event within the age limit (or a head's exception)."""
    report = await service.verify_formally(
        session=session,
        cipher=cipher,
        report=report,
        data=data,
        actor=actor,
        completion_days=settings.completion_days_for(report.office),
        age_limit_years=settings.age_limit_years,
    )
    return json_response(200, await detail(session, report, permits))


@router.post(
    "/reports/{report_id}/identity-completion",
    response_model=ReportDetail,
    responses=problem_responses(*STEP_ERRORS, Conflict),
)
async def complete_identity(
    data: IdentityCompletion,
    session: DbSession,
    actor: Officer,
    report: LockedReport,
    cipher: Cipher,
    index_key: IndexKey,
    permits: CallerPermits,
) -> Response:
    """Adds what the reporter supplied to complete their identity (before formal
    verification passes); the answer shows none of it."""
    report = await service.complete_identity(
        session=session,
        cipher=cipher,
        index_key=index_key,
        report=report,
        data=data,
        actor=actor,
    )
    return json_response(200, await detail(session, report, permits))


@router.post(
    "/reports/{report_id}/notices",
    response_model=ReportDetail,
    responses=STEP_PROBLEMS,
)
async def record_notice(
    data: NoticeIn,
    session: DbSession,
    actor: Officer,
    report: LockedReport,
    settings: CurrentSettings,
    permits: CallerPermits,
) -> Response:
    """Records the notice sent to the reporter of an incomplete report: the first one
    starts the completion deadline."""
    report = await service.record_notice(
        session=session,
        report=report,
        data=data,
        actor=actor,
        completion_days=settings.completion_days_for(report.office),
    )
    return json_response(200, await detail(session, report, permits))


@router.post(
    "/reports/{report_id}/age-exception",
    response_model=ReportDetail,
    responses=problem_responses(*STEP_ERRORS, Conflict),
)
async def record_age_exception(
    data: AgeException,
    session: DbSession,
    actor: Manager,
    report: LockedReport,
    settings: CurrentSettings,
    permits: CallerPermits,
) -> Response:
    """The office head lets an event older than the limit pass formal verification."""
    report = await service.record_age_exception(
        session=session, report=report, data=data, actor=actor, years=settings.age_limit_years
    )
    return json_response(200, await detail(session, report, permits))


@router.post(
    "/reports/{report_id}/material-verification",
    response_model=ReportDetail,
    responses=STEP_PROBLEMS,
)
async def material_verification(
    data: MaterialVerification,
    session: DbSession,
    actor: Officer,
    report: LockedReport,
    permits: CallerPermits,
) -> Response:
    report = await service.verify_materially(session=session, report=report, data=data, actor=actor)
    return json_response(200, await detail(session, report, permits))


@router.post(
    "/reports/{report_id}/plenary-decision",
    response_model=ReportDetail,
    responses=STEP_PROBLEMS,
)
async def plenary_decision(
    data: PlenaryDecision,
    session: DbSession,
    actor: Officer,
    report: LockedReport,
    permits: CallerPermits,
) -> Response:
    report = await service.decide_plenary(session=session, report=report, data=data, actor=actor)
    return json_response(200, await detail(session, report, permits))


@router.post(
    "/reports/{report_id}/answer",
    response_model=ReportDetail,
    responses=STEP_PROBLEMS,
)
async def answer_consultation(
    data: Answer, session: DbSession, actor: Officer, report: LockedReport, permits: CallerPermits
) -> Response:
    """Answers a consultation (KNL) and closes it."""
    report = await service.answer_consultation(
        session=session, report=report, data=data, actor=actor
    )
    return json_response(200, await detail(session, report, permits))
