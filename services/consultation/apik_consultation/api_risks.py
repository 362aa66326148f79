"""The procurement risk register's routes: thin — parse, call `risks`, shape the answer."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import JSONResponse

from apik_consultation import risks, rules, service
from apik_consultation.deps import AUTH, Config, Reader
from apik_consultation.models import Risk
from apik_consultation.rules import RiskLevel, RiskStatus
from apik_consultation.schemas import (
    HeatCellPublic,
    HeatMap,
    RiskCreate,
    RiskPublic,
    RiskUpdate,
)
from apik_consultation.settings import Settings
from apik_shared.auth import Principal, Role, require_roles
from apik_shared.db import DbSession, TransactionalRoute
from apik_shared.etag import check_if_match, set_etag
from apik_shared.idempotency import Idempotency
from apik_shared.pagination import DEFAULT_LIMIT, MAX_LIMIT, Page
from apik_shared.problems import InvalidInput, NotFound, PreconditionFailed, problem_responses

router = APIRouter(route_class=TransactionalRoute, tags=["risks"])

Keeper = Annotated[Principal, Depends(require_roles(Role.desk_supervisor, Role.head))]


def _public(risk: Risk, settings: Settings) -> RiskPublic:
    today = service.desk_day(datetime.now(UTC), settings.desk_timezone)
    status = RiskStatus(risk.status)
    return RiskPublic(
        **risk.model_dump(exclude={"level", "status"}),
        level=RiskLevel(risk.level),
        status=status,
        review_overdue=rules.review_overdue(review_on=risk.review_on, today=today, status=status),
    )


def _json(status: int, body: RiskPublic) -> JSONResponse:
    response = JSONResponse(body.model_dump(mode="json"), status_code=status)
    set_etag(response, body.version)
    return response


@router.post(
    "/risks",
    status_code=201,
    response_model=RiskPublic,
    responses=problem_responses(*AUTH, InvalidInput),
    operation_id="consultation_register_risk",
)
async def register_risk(
    data: RiskCreate, request: Request, session: DbSession, actor: Keeper, settings: Config
) -> Response:
    idempotency = Idempotency(session, request, caller=actor.subject)
    if (replay := await idempotency.begin()) is not None:
        return replay
    risk = await risks.create(session=session, data=data, actor=actor)
    body = _public(risk, settings)
    await idempotency.remember(201, body.model_dump(mode="json"))
    response = _json(201, body)
    response.headers["Location"] = f"{request.url.path}/{risk.id}"
    return response


@router.get(
    "/risks",
    response_model=Page[RiskPublic],
    responses=problem_responses(*AUTH, InvalidInput),
    operation_id="consultation_list_risks",
)
async def list_risks(
    session: DbSession,
    actor: Reader,
    settings: Config,
    level: RiskLevel | None = None,
    review_overdue: Annotated[
        bool, Query(description="only open risks whose review date has passed")
    ] = False,
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
) -> Page[RiskPublic]:
    today = service.desk_day(datetime.now(UTC), settings.desk_timezone)
    rows, next_cursor = await risks.listing(
        session=session,
        actor=actor,
        level=level.value if level else None,
        review_overdue_on=today if review_overdue else None,
        cursor=cursor,
        limit=limit,
    )
    return Page(items=[_public(r, settings) for r in rows], next_cursor=next_cursor)


@router.get(
    "/risks/heat-map",
    response_model=HeatMap,
    responses=problem_responses(*AUTH),
    operation_id="consultation_risk_heat_map",
)
async def heat_map(session: DbSession, actor: Reader) -> HeatMap:
    office = actor.office_scope()
    pairs = await risks.open_pairs(session=session, office=office)
    cells = [HeatCellPublic.model_validate(c, from_attributes=True) for c in rules.heat_map(pairs)]
    return HeatMap(office=office, cells=cells)


@router.get(
    "/risks/{risk_id}",
    response_model=RiskPublic,
    responses=problem_responses(*AUTH, NotFound),
    operation_id="consultation_get_risk",
)
async def get_risk(
    risk_id: uuid.UUID, session: DbSession, actor: Reader, settings: Config
) -> Response:
    risk = await risks.get(session=session, risk_id=risk_id, actor=actor)
    return _json(200, _public(risk, settings))


@router.patch(
    "/risks/{risk_id}",
    response_model=RiskPublic,
    responses=problem_responses(*AUTH, NotFound, InvalidInput, PreconditionFailed),
    operation_id="consultation_update_risk",
)
async def update_risk(
    risk_id: uuid.UUID,
    data: RiskUpdate,
    request: Request,
    session: DbSession,
    actor: Keeper,
    settings: Config,
) -> Response:
    risk = await risks.get(session=session, risk_id=risk_id, actor=actor, for_update=True)
    check_if_match(request, risk.version)
    risk = await risks.change(session=session, risk=risk, data=data)
    return _json(200, _public(risk, settings))
