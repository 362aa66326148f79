"""Breakdown routes: a year's figures by substance, outcome, channel, agency type, month."""

from __future__ import annotations

from typing import Any

from fastapi import Request

from apik_reporting.breakdowns.rules import BREAKDOWNS, BREAKDOWNS_ID, Dimension
from apik_reporting.breakdowns.schemas import Breakdown
from apik_reporting.breakdowns.service import breakdown
from apik_reporting.deps import AUTH, ExportedOffices, Scope, Year
from apik_reporting.exports.views import EXPORT_RESPONSES, tabular
from apik_shared.documents.delimited import CsvDelimiter, Delimiter
from apik_shared.platform.db import DbSession
from apik_shared.platform.problems import InvalidInput, problem_responses
from apik_shared.platform.routing import ServiceRouter

router = ServiceRouter(tags=["breakdowns"])


@router.get(
    "/breakdowns/{dimension}",
    response_model=Breakdown,
    responses={**EXPORT_RESPONSES, **problem_responses(*AUTH, InvalidInput)},
)
async def get_breakdown(
    request: Request,
    dimension: Dimension,
    year: Year,
    session: DbSession,
    scope: Scope,
    offices: ExportedOffices,
    delimiter: CsvDelimiter = Delimiter.comma,
) -> Any:
    columns, items = await breakdown(session=session, dimension=dimension, year=year, office=scope)
    name = f"{dimension.value}-{scope or 'national'}-{year}"
    if (
        export := tabular(
            request, name=name, columns=columns, items=items, delimiter=delimiter, offices=offices
        )
    ) is not None:
        return export
    return Breakdown(
        dimension=dimension,
        year=year,
        office=scope,
        definition=BREAKDOWNS[dimension],
        definition_id=BREAKDOWNS_ID[dimension],
        definition_en=BREAKDOWNS[dimension],
        columns=columns,
        items=items,
    )
