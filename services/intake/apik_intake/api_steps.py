"""The steps a report goes through: verification, the plenary, the answer to a KNL."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Request, Response

from apik_intake import rules, service, verification
from apik_intake.deps import AUTH, IntakeSettings, Officer
from apik_intake.rules import Step
from apik_intake.schemas import ReportDetail
from apik_intake.schemas_steps import (
    Answer,
    Decided,
    FormalVerification,
    MaterialVerification,
    PlenaryDecision,
)
from apik_intake.views import detail, json_response
from apik_shared.auth import Principal
from apik_shared.db import DbSession, TransactionalRoute
from apik_shared.etag import check_if_match
from apik_shared.problems import (
    InvalidInput,
    NotFound,
    PreconditionFailed,
    TransitionNotAllowed,
    problem_responses,
)

router = APIRouter(route_class=TransactionalRoute, tags=["reports"])


async def _step(
    request: Request,
    session: DbSession,
    actor: Principal,
    report_id: uuid.UUID,
    step: Step,
    data: Decided,
    extra: dict[str, Any] | None = None,
    changes: dict[str, Any] | None = None,
) -> Response:
    report = await service.get_report(
        session=session, report_id=report_id, actor=actor, for_update=True
    )
    check_if_match(request, report.version)
    details = {**data.model_dump(mode="json", exclude={"decided_at"}), **(extra or {})}
    report = await service.apply_step(
        session=session,
        report=report,
        step=step,
        actor=actor,
        details=details,
        changes=changes,
        decided_at=data.decided_at,
    )
    return json_response(200, await detail(session, report))


STEP_PROBLEMS = problem_responses(
    *AUTH, NotFound, InvalidInput, TransitionNotAllowed, PreconditionFailed
)


@router.post(
    "/reports/{report_id}/formal-verification",
    response_model=ReportDetail,
    responses=STEP_PROBLEMS,
    operation_id="intake_formal_verification",
)
async def formal_verification(
    report_id: uuid.UUID,
    data: FormalVerification,
    request: Request,
    session: DbSession,
    actor: Officer,
    settings: IntakeSettings,
) -> Response:
    report = await service.get_report(
        session=session, report_id=report_id, actor=actor, for_update=True
    )
    check_if_match(request, report.version)
    report = await verification.verify_formally(
        session=session,
        report=report,
        data=data,
        actor=actor,
        completion_days=settings.completion_days_for(report.office),
        calendar=settings.calendar_for(report.office),
    )
    return json_response(200, await detail(session, report))


@router.post(
    "/reports/{report_id}/material-verification",
    response_model=ReportDetail,
    responses=STEP_PROBLEMS,
    operation_id="intake_material_verification",
)
async def material_verification(
    report_id: uuid.UUID,
    data: MaterialVerification,
    request: Request,
    session: DbSession,
    actor: Officer,
) -> Response:
    failures = rules.material_failures(
        within_authority=data.within_authority,
        already_reported=data.already_reported,
        in_court=data.in_court,
        agency_still_handling=data.agency_still_handling,
    )
    if not failures:
        return await _step(request, session, actor, report_id, Step.material_within_authority, data)
    extra = {"failures": failures, "reason": data.note or ", ".join(failures)}
    return await _step(
        request, session, actor, report_id, Step.material_outside_authority, data, extra
    )


PLENARY_STEPS = {
    "accept": Step.plenary_accept,
    "reject": Step.plenary_reject,
    "rco": Step.plenary_rco,
}


@router.post(
    "/reports/{report_id}/plenary-decision",
    response_model=ReportDetail,
    responses=STEP_PROBLEMS,
    operation_id="intake_plenary_decision",
)
async def plenary_decision(
    report_id: uuid.UUID,
    data: PlenaryDecision,
    request: Request,
    session: DbSession,
    actor: Officer,
) -> Response:
    if data.decision == "reject" and not data.reason:
        raise InvalidInput.field("#/body/reason", "A rejection needs a reason.")
    if data.decision == "reject" and data.examination_unit:
        raise InvalidInput.field("#/body/examination_unit", "A rejected report goes nowhere.")
    changes = {"examination_unit": data.examination_unit} if data.examination_unit else None
    return await _step(
        request, session, actor, report_id, PLENARY_STEPS[data.decision], data, changes=changes
    )


@router.post(
    "/reports/{report_id}/answer",
    response_model=ReportDetail,
    responses=STEP_PROBLEMS,
    operation_id="intake_answer_consultation",
)
async def answer_consultation(
    report_id: uuid.UUID,
    data: Answer,
    request: Request,
    session: DbSession,
    actor: Officer,
) -> Response:
    """Answers a consultation (KNL) and closes it."""
    return await _step(request, session, actor, report_id, Step.answer, data)
