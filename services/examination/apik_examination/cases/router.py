"""Examination's case routes: thin — parse, call `service`, shape the answer."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from sqlalchemy.ext.asyncio import AsyncSession

from apik_examination.cases import service, views
from apik_examination.cases.rules import CaseStatus, Classification
from apik_examination.cases.schemas import CaseDetail, CasePublic, ClassificationIn, StatusChange
from apik_examination.deps import AUTH, ExamSettings, Reader, Worker
from apik_examination.models import Case
from apik_examination.sla.rules import SlaState
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


async def detail(
    session: AsyncSession, case: Case, settings: ExamSettings, response: Response
) -> CaseDetail:
    state = await service.case_state(session=session, case=case, settings=settings)
    set_etag(response, case.version)
    return views.detail(state)


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
    return Page(items=[views.public(c, now) for c in rows], next_cursor=next_cursor)


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
