"""Intake's routes: thin — parse, call `service`, shape the answer."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import JSONResponse
from sqlmodel import col, select

from apik_intake import rules, service
from apik_intake.models import Report, Substance
from apik_intake.rules import Step
from apik_intake.schemas import (
    AgencyPublic,
    FormalVerification,
    MaterialVerification,
    PlenaryDecision,
    ReportCreate,
    ReportDetail,
    ReporterPublic,
    ReportPublic,
    StepPublic,
    SubstancePublic,
)
from apik_shared.auth import Principal, Role, require_roles
from apik_shared.crypto import FieldCipher
from apik_shared.db import DbSession, TransactionalRoute
from apik_shared.etag import check_if_match, set_etag
from apik_shared.idempotency import Idempotency
from apik_shared.pagination import DEFAULT_LIMIT, MAX_LIMIT, Page
from apik_shared.problems import (
    Forbidden,
    InvalidInput,
    NotFound,
    PreconditionFailed,
    TransitionNotAllowed,
    Unauthorized,
    problem_responses,
)

router = APIRouter(route_class=TransactionalRoute, tags=["reports"])

Officer = Annotated[Principal, Depends(require_roles(Role.intake_officer))]
Reader = Annotated[
    Principal,
    Depends(
        require_roles(
            Role.intake_officer, Role.head, Role.analyst, Role.examiner, Role.examination_supervisor
        )
    ),
]
AUTH = (Unauthorized, Forbidden)


def _cipher(request: Request) -> FieldCipher:
    cipher: FieldCipher = request.app.state.cipher
    return cipher


Cipher = Annotated[FieldCipher, Depends(_cipher)]


def _public(report: Report) -> ReportPublic:
    return ReportPublic(
        **report.model_dump(exclude={"reporter_id", "reported_agency", "status", "confidential"}),
        status=rules.ReportStatus(report.status),
        reporter=ReporterPublic(id=report.reporter_id, confidential=report.confidential),
        reported_agency=AgencyPublic(name=report.reported_agency),
        allowed_steps=[s.value for s in rules.allowed_steps(rules.ReportStatus(report.status))],
    )


async def _detail(session: DbSession, report: Report) -> ReportDetail:
    steps = await service.timeline(session=session, report_id=report.id)
    return ReportDetail(
        **_public(report).model_dump(),
        timeline=[StepPublic.model_validate(s, from_attributes=True) for s in steps],
    )


def _json(status: int, body: ReportDetail) -> JSONResponse:
    response = JSONResponse(body.model_dump(mode="json"), status_code=status)
    set_etag(response, body.version)
    return response


@router.post(
    "/reports",
    status_code=201,
    response_model=ReportDetail,
    responses=problem_responses(*AUTH, InvalidInput),
    operation_id="intake_register_report",
)
async def register_report(
    data: ReportCreate, request: Request, session: DbSession, actor: Officer, cipher: Cipher
) -> Response:
    idempotency = Idempotency(session, request, caller=actor.subject)
    if (replay := await idempotency.begin()) is not None:
        return replay
    report = await service.register_report(session=session, cipher=cipher, data=data, actor=actor)
    body = await _detail(session, report)
    await idempotency.remember(201, body.model_dump(mode="json"))
    response = _json(201, body)
    response.headers["Location"] = f"{request.url.path}/{report.id}"
    return response


@router.get(
    "/reports",
    response_model=Page[ReportPublic],
    responses=problem_responses(*AUTH, InvalidInput),
    operation_id="intake_list_reports",
)
async def list_reports(
    session: DbSession,
    actor: Reader,
    status: Annotated[rules.ReportStatus | None, Query()] = None,
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
) -> Page[ReportPublic]:
    rows, next_cursor = await service.list_reports(
        session=session,
        actor=actor,
        status=status.value if status else None,
        cursor=cursor,
        limit=limit,
    )
    return Page(items=[_public(r) for r in rows], next_cursor=next_cursor)


@router.get(
    "/reports/{report_id}",
    response_model=ReportDetail,
    responses=problem_responses(*AUTH, NotFound),
    operation_id="intake_get_report",
)
async def get_report(report_id: uuid.UUID, session: DbSession, actor: Reader) -> Response:
    report = await service.get_report(session=session, report_id=report_id, actor=actor)
    return _json(200, await _detail(session, report))


async def _step(
    request: Request,
    session: DbSession,
    actor: Principal,
    report_id: uuid.UUID,
    step: Step,
    details: dict[str, Any],
) -> Response:
    report = await service.get_report(
        session=session, report_id=report_id, actor=actor, for_update=True
    )
    check_if_match(request, report.version)
    report = await service.apply_step(
        session=session, report=report, step=step, actor=actor, details=details
    )
    return _json(200, await _detail(session, report))


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
) -> Response:
    if not data.complete and not data.missing:
        raise InvalidInput.field("#/body/missing", "Say what is missing when it is incomplete.")
    step = Step.formal_complete if data.complete else Step.formal_incomplete
    return await _step(request, session, actor, report_id, step, data.model_dump())


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
    step = (
        Step.material_within_authority if data.within_authority else Step.material_outside_authority
    )
    details = data.model_dump()
    if not data.within_authority:
        details["reason"] = data.note or "not_within_authority"
    return await _step(request, session, actor, report_id, step, details)


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
    return await _step(
        request, session, actor, report_id, PLENARY_STEPS[data.decision], data.model_dump()
    )


@router.get(
    "/substances",
    response_model=list[SubstancePublic],
    tags=["reference"],
    responses=problem_responses(Unauthorized),
    operation_id="intake_list_substances",
)
async def list_substances(session: DbSession, actor: Reader) -> list[SubstancePublic]:
    rows = await session.execute(
        select(Substance).where(col(Substance.active).is_(True)).order_by(Substance.code)
    )
    return [SubstancePublic.model_validate(s, from_attributes=True) for s in rows.scalars()]
