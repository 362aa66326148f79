"""Breakdown routes: a year's figures by substance, outcome, channel, agency type, month."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from apik_reporting.deps import AUTH, OfficeQuery, Reader, Year, scope_for
from apik_reporting.exports import EXPORT_RESPONSES, tabular
from apik_reporting.rules import BREAKDOWNS, Dimension
from apik_reporting.schemas import Breakdown
from apik_reporting.service_breakdowns import breakdown
from apik_shared.db import DbSession, TransactionalRoute
from apik_shared.problems import InvalidInput, problem_responses

router = APIRouter(route_class=TransactionalRoute, tags=["breakdowns"])


@router.get(
    "/breakdowns/{dimension}",
    response_model=Breakdown,
    operation_id="reporting_breakdown",
    responses={**EXPORT_RESPONSES, **problem_responses(*AUTH, InvalidInput)},
)
async def get_breakdown(
    request: Request,
    dimension: Dimension,
    year: Year,
    session: DbSession,
    actor: Reader,
    office: OfficeQuery = None,
) -> Any:
    scope = scope_for(actor, office)
    columns, items = await breakdown(session=session, dimension=dimension, year=year, office=scope)
    name = f"{dimension.value}-{scope or 'national'}-{year}"
    if (export := tabular(request, name=name, columns=columns, items=items)) is not None:
        return export
    return Breakdown(
        dimension=dimension,
        year=year,
        office=scope,
        definition=BREAKDOWNS[dimension],
        columns=columns,
        items=items,
    )
