"""Examination's case routes: thin — parse, call `service`, shape the answer."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from sqlalchemy.ext.asyncio import AsyncSession

from apik_examination import service
from apik_examination.deps import AUTH, ExamSettings, Reader, Worker
from apik_examination.models import Case, Closure, Conclusion
from apik_examination.rules import CaseStatus, Classification, Outcome, Route, in_monitoring
from apik_examination.rules_sla import SlaPhase, SlaState, state_at
from apik_examination.schemas import (
    CaseDetail,
    CasePublic,
    ClassificationIn,
    SlaPublic,
    StatusChange,
)
from apik_examination.schemas_closure import ClosurePublic, ConclusionPublic, PublicLossIn
from apik_examination.service_sla import clock_of
from apik_shared.db import DbSession, TransactionalRoute
from apik_shared.etag import check_if_match, set_etag
from apik_shared.pagination import DEFAULT_LIMIT, MAX_LIMIT, Page
from apik_shared.problems import (
    InvalidInput,
    NotFound,
    PreconditionFailed,
    TransitionNotAllowed,
    problem_responses,
)

router = APIRouter(route_class=TransactionalRoute, tags=["cases"])


def public(case: Case, now: datetime) -> CasePublic:
    state = state_at(SlaPhase(case.sla_phase), case.sla_warn_at, case.sla_breach_at, now)
    return CasePublic.model_validate({**case.model_dump(), "sla_state": state})


async def detail(
    session: AsyncSession, case: Case, settings: ExamSettings, response: Response
) -> CaseDetail:
    now = datetime.now(UTC)
    clock, policy = await clock_of(session=session, case=case, settings=settings, now=now)
    set_etag(response, case.version)
    sla = SlaPublic(
        state=clock.state,
        policy_id=uuid.UUID(policy.id),
        policy_version=policy.version,
        target=clock.target,
        unit=clock.unit,
        elapsed=clock.elapsed,
        remaining=clock.remaining,
        due_on=clock.due_on,
        warn_at=clock.warn_at,
        breach_at=clock.breach_at,
    )
    conclusion = await session.get(Conclusion, case.id)
    closure = await session.get(Closure, case.id)
    return CaseDetail(
        **public(case, now).model_dump(exclude={"sla_state"}),
        sla_state=clock.state,
        sla=sla,
        conclusion=_conclusion(conclusion, settings, case, now) if conclusion else None,
        closure=_closure(closure) if closure else None,
    )


def _conclusion(
    conclusion: Conclusion, settings: ExamSettings, case: Case, now: datetime
) -> ConclusionPublic:
    public = ConclusionPublic.model_validate(conclusion, from_attributes=True)
    public.monitoring = in_monitoring(
        due_on=conclusion.corrective_due_on,
        done=[a.get("done_on") is not None for a in conclusion.corrective_actions],
        today=settings.calendar_for(case.office).local_date(now),
    )
    return public


def _closure(closure: Closure) -> ClosurePublic:
    loss = None
    if closure.public_loss_kind is not None:
        loss = PublicLossIn(
            kind=closure.public_loss_kind,
            amount_idr=closure.public_loss_idr or 0,
            people_affected=closure.public_loss_people or 0,
            description=closure.public_loss_description or "",
        )
    return ClosurePublic(
        outcome=Outcome(closure.outcome),
        route=Route(closure.route),
        note=closure.note,
        public_loss=loss,
        closed_by=closure.closed_by,
        closed_at=closure.closed_at,
    )


@router.get(
    "/cases",
    response_model=Page[CasePublic],
    operation_id="examination_list_cases",
    responses=problem_responses(*AUTH, InvalidInput),
)
async def list_cases(
    session: DbSession,
    actor: Reader,
    report_id: uuid.UUID | None = None,
    sla_state: SlaState | None = None,
    classification: Classification | None = None,
    status: CaseStatus | None = None,
    examiner_id: Annotated[str | None, Query(min_length=1, max_length=128)] = None,
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
) -> Page[CasePublic]:
    now = datetime.now(UTC)
    rows, next_cursor = await service.list_cases(
        session=session,
        actor=actor,
        report_id=report_id,
        sla_state=sla_state,
        classification=classification,
        status=status,
        examiner_id=examiner_id,
        cursor=cursor,
        limit=limit,
        now=now,
    )
    return Page(items=[public(c, now) for c in rows], next_cursor=next_cursor)


@router.get(
    "/cases/{case_id}",
    response_model=CaseDetail,
    operation_id="examination_get_case",
    responses=problem_responses(*AUTH, NotFound),
)
async def get_case(
    case_id: uuid.UUID,
    session: DbSession,
    actor: Reader,
    settings: ExamSettings,
    response: Response,
) -> CaseDetail:
    case = await service.get_case(session=session, case_id=case_id, actor=actor)
    return await detail(session, case, settings, response)


WRITE_PROBLEMS = problem_responses(
    *AUTH, NotFound, InvalidInput, TransitionNotAllowed, PreconditionFailed
)


@router.post(
    "/cases/{case_id}/classification",
    response_model=CaseDetail,
    operation_id="examination_classify_case",
    responses=WRITE_PROBLEMS,
)
async def classify_case(
    case_id: uuid.UUID,
    data: ClassificationIn,
    request: Request,
    session: DbSession,
    actor: Worker,
    settings: ExamSettings,
    response: Response,
) -> CaseDetail:
    case = await service.get_case_to_work(session=session, case_id=case_id, actor=actor)
    check_if_match(request, case.version)
    case = await service.classify(
        session=session,
        case=case,
        classification=data.classification,
        actor=actor,
        settings=settings,
    )
    return await detail(session, case, settings, response)


@router.post(
    "/cases/{case_id}/status",
    response_model=CaseDetail,
    operation_id="examination_change_case_status",
    responses=WRITE_PROBLEMS,
)
async def change_status(
    case_id: uuid.UUID,
    data: StatusChange,
    request: Request,
    session: DbSession,
    actor: Worker,
    settings: ExamSettings,
    response: Response,
) -> CaseDetail:
    """Waiting for the reporter or the agency pauses the SLA clock; `open` resumes it."""
    case = await service.get_case_to_work(session=session, case_id=case_id, actor=actor)
    check_if_match(request, case.version)
    case = await service.change_status(
        session=session,
        case=case,
        status=CaseStatus(data.status),
        note=data.note,
        actor=actor,
        settings=settings,
    )
    return await detail(session, case, settings, response)
