"""The procurement risk register's routes: thin — parse, call `service`, shape the answer."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Query, Request, Response

from apik_consultation.deps import AUTH, CurrentRisk, Keeper, LockedRisk, Reader
from apik_consultation.risks import rules, service, views
from apik_consultation.risks.rules import RiskLevel
from apik_consultation.risks.schemas import (
    HeatCellPublic,
    HeatMap,
    RiskCreate,
    RiskPublic,
    RiskUpdate,
)
from apik_shared.platform.db import DbSession
from apik_shared.platform.idempotency import Idempotency
from apik_shared.platform.pagination import DEFAULT_LIMIT, MAX_LIMIT, Page
from apik_shared.platform.problems import (
    InvalidInput,
    NotFound,
    PreconditionFailed,
    problem_responses,
)
from apik_shared.platform.routing import ServiceRouter, created

router = ServiceRouter(tags=["risks"])


@router.post(
    "/risks",
    status_code=201,
    response_model=RiskPublic,
    responses=problem_responses(*AUTH, InvalidInput),
)
async def register_risk(
    data: RiskCreate, request: Request, session: DbSession, actor: Keeper
) -> Response:
    idempotency = Idempotency(session, request, caller=actor.subject)
    if (replay := await idempotency.begin()) is not None:
        return replay
    risk = await service.create(session=session, data=data, actor=actor)
    body = await views.one(session, risk)
    location = f"{request.url.path}/{risk.id}"
    return await created(idempotency, body, location=location, version=body.version)


@router.get(
    "/risks",
    response_model=Page[RiskPublic],
    responses=problem_responses(*AUTH, InvalidInput),
)
async def list_risks(
    session: DbSession,
    actor: Reader,
    level: RiskLevel | None = None,
    review_overdue: Annotated[
        bool, Query(description="only open risks whose review date has passed")
    ] = False,
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
) -> Page[RiskPublic]:
    rows, next_cursor = await service.listing(
        session=session,
        actor=actor,
        level=level.value if level else None,
        review_overdue=review_overdue,
        cursor=cursor,
        limit=limit,
    )
    return Page(items=await views.listed(session, rows), next_cursor=next_cursor)


@router.get("/risks/heat-map", response_model=HeatMap, responses=problem_responses(*AUTH))
async def heat_map(session: DbSession, actor: Reader) -> HeatMap:
    office = actor.office_scope()
    pairs = await service.open_pairs(session=session, office=office)
    cells = [HeatCellPublic.model_validate(c, from_attributes=True) for c in rules.heat_map(pairs)]
    return HeatMap(office=office, cells=cells)


@router.get(
    "/risks/{risk_id}", response_model=RiskPublic, responses=problem_responses(*AUTH, NotFound)
)
async def get_risk(
    risk_id: uuid.UUID, session: DbSession, actor: Reader, risk: CurrentRisk
) -> Response:
    return await views.answer(session, risk)


@router.patch(
    "/risks/{risk_id}",
    response_model=RiskPublic,
    responses=problem_responses(*AUTH, NotFound, InvalidInput, PreconditionFailed),
)
async def update_risk(
    risk_id: uuid.UUID,
    data: RiskUpdate,
    session: DbSession,
    actor: Keeper,
    risk: LockedRisk,
) -> Response:
    risk = await service.change(session=session, risk=risk, data=data)
    return await views.answer(session, risk)
