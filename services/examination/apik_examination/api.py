"""Examination's routes: thin — parse, call `service`, shape the answer."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from apik_examination import service
from apik_examination.schemas import CasePublic
from apik_shared.auth import Principal, Role, require_roles
from apik_shared.db import DbSession, TransactionalRoute
from apik_shared.etag import set_etag
from apik_shared.pagination import DEFAULT_LIMIT, MAX_LIMIT, Page
from apik_shared.problems import Forbidden, InvalidInput, NotFound, Unauthorized, problem_responses

router = APIRouter(route_class=TransactionalRoute, tags=["cases"])

Reader = Annotated[
    Principal,
    Depends(require_roles(Role.examiner, Role.examination_supervisor, Role.head, Role.analyst)),
]


@router.get(
    "/cases",
    response_model=Page[CasePublic],
    operation_id="examination_list_cases",
    responses=problem_responses(Unauthorized, Forbidden, InvalidInput),
)
async def list_cases(
    session: DbSession,
    actor: Reader,
    report_id: uuid.UUID | None = None,
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
) -> Page[CasePublic]:
    rows, next_cursor = await service.list_cases(
        session=session, actor=actor, report_id=report_id, cursor=cursor, limit=limit
    )
    return Page(
        items=[CasePublic.model_validate(c, from_attributes=True) for c in rows],
        next_cursor=next_cursor,
    )


@router.get(
    "/cases/{case_id}",
    response_model=CasePublic,
    operation_id="examination_get_case",
    responses=problem_responses(Unauthorized, Forbidden, NotFound),
)
async def get_case(
    case_id: uuid.UUID, session: DbSession, actor: Reader, response: Response
) -> CasePublic:
    case = await service.get_case(session=session, case_id=case_id, actor=actor)
    set_etag(response, case.version)
    return CasePublic.model_validate(case, from_attributes=True)
