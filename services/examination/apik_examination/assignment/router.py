"""Assignment routes: assign a case, office rosters, the round-robin, the workload view."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import Path, Response

from apik_examination.assignment import service, views
from apik_examination.assignment.schemas import (
    AssignmentIn,
    ExaminerPut,
    ExaminerWorkload,
    RotationPublic,
    RotationPut,
)
from apik_examination.cases import service as cases
from apik_examination.cases import views as case_views
from apik_examination.cases.schemas import CaseDetail
from apik_examination.deps import (
    AUTH,
    WRITE_PROBLEMS,
    CaseToAssign,
    Reader,
    RosterKeeper,
    Supervisor,
    require_office,
)
from apik_shared.platform.db import DbSession
from apik_shared.platform.problems import Conflict, InvalidInput, NotFound, problem_responses
from apik_shared.platform.routing import ServiceRouter

router = ServiceRouter(tags=["assignment"])
Office = Annotated[str, Path(min_length=1, max_length=32)]
ExaminerId = Annotated[str, Path(min_length=1, max_length=128)]


@router.post(
    "/cases/{case_id}/assignment",
    response_model=CaseDetail,
    responses={**WRITE_PROBLEMS, **problem_responses(Conflict)},
)
async def assign_case(
    data: AssignmentIn,
    case: CaseToAssign,
    session: DbSession,
    actor: Supervisor,
    response: Response,
) -> CaseDetail:
    """Assigns the case to an examiner on its office's roster, or reassigns it."""
    await service.assign(
        session=session,
        case=case,
        examiner_id=data.examiner_id,
        actor=actor.subject,
        note=data.note,
        at=data.assigned_at,
    )
    state = await cases.case_state(session=session, case=case)
    return case_views.answer(state, response, actor)


@router.put(
    "/offices/{office}/examiners/{examiner_id}",
    response_model=ExaminerWorkload,
    responses=problem_responses(*AUTH, NotFound, InvalidInput),
)
async def put_examiner(
    office: Office,
    examiner_id: ExaminerId,
    data: ExaminerPut,
    session: DbSession,
    actor: RosterKeeper,
) -> ExaminerWorkload:
    """Puts an examiner on the office's roster (capacity, rotation, absence)."""
    require_office(actor, office)
    await service.put_examiner(
        session=session, office=office, examiner_id=examiner_id, **data.model_dump()
    )
    load = await service.examiner_workload(
        session=session, office=office, examiner_id=examiner_id, now=datetime.now(UTC)
    )
    return views.workload(load)


@router.get(
    "/offices/{office}/examiners",
    response_model=list[ExaminerWorkload],
    responses=problem_responses(*AUTH, NotFound),
)
async def list_examiners(
    office: Office, session: DbSession, actor: Reader
) -> list[ExaminerWorkload]:
    """The roster with each examiner's open cases by SLA state."""
    require_office(actor, office)
    rows = await service.workload(session=session, office=office, now=datetime.now(UTC))
    return [views.workload(w) for w in rows]


@router.get(
    "/offices/{office}/rotation",
    response_model=RotationPublic,
    responses=problem_responses(*AUTH, NotFound),
)
async def get_rotation(office: Office, session: DbSession, actor: Reader) -> RotationPublic:
    require_office(actor, office)
    rotation = await service.get_rotation(session=session, office=office)
    return RotationPublic.model_validate(rotation, from_attributes=True)


@router.put(
    "/offices/{office}/rotation",
    response_model=RotationPublic,
    responses=problem_responses(*AUTH, NotFound, InvalidInput),
)
async def put_rotation(
    office: Office, data: RotationPut, session: DbSession, actor: RosterKeeper
) -> RotationPublic:
    """Turns the office's round-robin for new cases on or off, for one team or all."""
    require_office(actor, office)
    rotation = await service.set_rotation(
        session=session, office=office, enabled=data.enabled, team=data.team
    )
    return RotationPublic.model_validate(rotation, from_attributes=True)
