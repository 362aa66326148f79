"""Staff activity (for performance and credit-point reports) and the national roll-up."""

from __future__ import annotations

from typing import Any

from fastapi import Request

from apik_reporting.deps import AUTH, ExportedOffices, NationalReader, Scope, Year
from apik_reporting.exports.schemas import Table
from apik_reporting.exports.views import EXPORT_RESPONSES, tabular
from apik_reporting.staff.rules import (
    ROLLUP_COLUMNS,
    ROLLUP_DEFINITION,
    ROLLUP_DEFINITION_ID,
    STAFF_COLUMNS,
    STAFF_DEFINITION,
    STAFF_DEFINITION_ID,
)
from apik_reporting.staff.service import rollup, staff_activity
from apik_shared.documents.delimited import CsvDelimiter, Delimiter
from apik_shared.platform.db import DbSession
from apik_shared.platform.problems import InvalidInput, problem_responses
from apik_shared.platform.routing import ServiceRouter

router = ServiceRouter(tags=["staff", "national"])
RESPONSES = {**EXPORT_RESPONSES, **problem_responses(*AUTH, InvalidInput)}


@router.get("/staff", response_model=Table, responses=RESPONSES)
async def get_staff(
    request: Request,
    year: Year,
    session: DbSession,
    scope: Scope,
    offices: ExportedOffices,
    delimiter: CsvDelimiter = Delimiter.comma,
) -> Any:
    items = await staff_activity(session=session, year=year, office=scope)
    columns = list(STAFF_COLUMNS)
    name = f"staff-{scope or 'national'}-{year}"
    if (
        export := tabular(
            request, name=name, columns=columns, items=items, delimiter=delimiter, offices=offices
        )
    ) is not None:
        return export
    return Table(
        year=year,
        office=scope,
        definition=STAFF_DEFINITION,
        definition_id=STAFF_DEFINITION_ID,
        definition_en=STAFF_DEFINITION,
        columns=columns,
        items=items,
    )


@router.get("/rollup", response_model=Table, responses=RESPONSES)
async def get_rollup(
    request: Request,
    year: Year,
    session: DbSession,
    _national: NationalReader,
    offices: ExportedOffices,
    delimiter: CsvDelimiter = Delimiter.comma,
) -> Any:
    """Every office side by side: national roles only."""
    items = await rollup(session=session, year=year)
    columns = list(ROLLUP_COLUMNS)
    if export := tabular(
        request,
        name=f"rollup-{year}",
        columns=columns,
        items=items,
        delimiter=delimiter,
        offices=offices,
    ):
        return export
    return Table(
        year=year,
        office=None,
        definition=ROLLUP_DEFINITION,
        definition_id=ROLLUP_DEFINITION_ID,
        definition_en=ROLLUP_DEFINITION,
        columns=columns,
        items=items,
    )
