"""Assignment routes: assign a case, office rosters, the round-robin, the workload view."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Path, Request, Response

from apik_examination.assignment import service
from apik_examination.assignment.schemas import (
    AssignmentIn,
    ExaminerPut,
    ExaminerWorkload,
    RotationPublic,
    RotationPut,
)
from apik_examination.cases import service as cases
from apik_examination.cases.router import WRITE_PROBLEMS, detail
from apik_examination.cases.schemas import CaseDetail
from apik_examination.deps import AUTH, ExamSettings, Reader, Supervisor
from apik_shared.auth import Principal
from apik_shared.db import DbSession, TransactionalRoute
from apik_shared.etag import check_if_match
from apik_shared.problems import Conflict, InvalidInput, NotFound, problem_responses

router = APIRouter(route_class=TransactionalRoute, tags=["assignment"])
Office = Annotated[str, Path(min_length=1, max_length=32)]
ExaminerId = Annotated[str, Path(min_length=1, max_length=128)]


def _office_in_scope(actor: Principal, office: str) -> None:
    if not actor.can_see_office(office):
        raise NotFound(f"No office {office} among yours.")


@router.post(
    "/cases/{case_id}/assignment",
    response_model=CaseDetail,
    operation_id="examination_assign_case",
    responses={**WRITE_PROBLEMS, **problem_responses(Conflict)},
)
async def assign_case(
    case_id: uuid.UUID,
    data: AssignmentIn,
    request: Request,
    session: DbSession,
    actor: Supervisor,
    settings: ExamSettings,
    response: Response,
) -> CaseDetail:
    """Assigns the case to an examiner on its office's roster, or reassigns it."""
    case = await cases.get_case(session=session, case_id=case_id, actor=actor, for_update=True)
    check_if_match(request, case.version)
    case = await service.assign(
        session=session,
        case=case,
        examiner_id=data.examiner_id,
        actor=actor.subject,
        note=data.note,
    )
    return await detail(session, case, settings, response)


@router.put(
    "/offices/{office}/examiners/{examiner_id}",
    response_model=ExaminerWorkload,
    operation_id="examination_put_examiner",
    responses=problem_responses(*AUTH, NotFound, InvalidInput),
)
async def put_examiner(
    office: Office,
    examiner_id: ExaminerId,
    data: ExaminerPut,
    session: DbSession,
    actor: Supervisor,
) -> ExaminerWorkload:
    """Puts an examiner on the office's roster (capacity, rotation, absence)."""
    _office_in_scope(actor, office)
    examiner = await service.put_examiner(
        session=session, office=office, examiner_id=examiner_id, **data.model_dump()
    )
    [load] = [
        w
        for w in await service.workload(session=session, office=office, now=datetime.now(UTC))
        if w.examiner.examiner_id == examiner.examiner_id
    ]
    return _workload(load)


def _workload(w: service.Workload) -> ExaminerWorkload:
    return ExaminerWorkload(
        **w.examiner.model_dump(exclude={"updated_at"}),
        open_cases=w.open_cases,
        by_sla_state=w.by_sla_state,
    )


@router.get(
    "/offices/{office}/examiners",
    response_model=list[ExaminerWorkload],
    operation_id="examination_workload",
    responses=problem_responses(*AUTH, NotFound),
)
async def workload(office: Office, session: DbSession, actor: Reader) -> list[ExaminerWorkload]:
    """The roster with each examiner's open cases by SLA state."""
    _office_in_scope(actor, office)
    rows = await service.workload(session=session, office=office, now=datetime.now(UTC))
    return [_workload(w) for w in rows]


@router.get(
    "/offices/{office}/rotation",
    response_model=RotationPublic,
    operation_id="examination_get_rotation",
    responses=problem_responses(*AUTH, NotFound),
)
async def get_rotation(office: Office, session: DbSession, actor: Reader) -> RotationPublic:
    _office_in_scope(actor, office)
    rotation = await service.get_rotation(session=session, office=office)
    return RotationPublic.model_validate(rotation, from_attributes=True)


@router.put(
    "/offices/{office}/rotation",
    response_model=RotationPublic,
    operation_id="examination_put_rotation",
    responses=problem_responses(*AUTH, NotFound, InvalidInput),
)
async def put_rotation(
    office: Office, data: RotationPut, session: DbSession, actor: Supervisor
) -> RotationPublic:
    """Turns the office's round-robin for new cases on or off, for one team or all."""
    _office_in_scope(actor, office)
    rotation = await service.set_rotation(
        session=session, office=office, enabled=data.enabled, team=data.team
    )
    return RotationPublic.model_validate(rotation, from_attributes=True)
