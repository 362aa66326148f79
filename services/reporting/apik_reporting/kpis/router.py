"""Targets and indicators: thin routes — parse, call `service`, shape or export the answer."""

from __future__ import annotations

from typing import Any

from fastapi import Request

from apik_reporting.deps import (
    AUTH,
    ExportedOffices,
    ReadOffice,
    Scope,
    TargetSetter,
    Year,
    YearPath,
    office_for,
)
from apik_reporting.exports.views import EXPORT_RESPONSES, tabular
from apik_reporting.kpis import service
from apik_reporting.kpis.rules import BY_CODE
from apik_reporting.kpis.schemas import KpiReport, TargetsIn, TargetsPublic
from apik_shared.documents.delimited import CsvDelimiter, Delimiter
from apik_shared.platform.db import DbSession
from apik_shared.platform.problems import InvalidInput, problem_responses
from apik_shared.platform.routing import ServiceRouter

router = ServiceRouter(tags=["kpis"])
KPI_COLUMNS = ("indicator", "unit", "target", "achieved", "percent", "definition")
TARGET_COLUMNS = ("office", "year", "indicator", "target")


@router.put(
    "/targets/{year}",
    response_model=TargetsPublic,
    responses=problem_responses(*AUTH, InvalidInput),
)
async def set_targets(
    year: YearPath, data: TargetsIn, session: DbSession, actor: TargetSetter
) -> TargetsPublic:
    """Replaces the office's targets for the year (the annual performance agreement)."""
    office = office_for(actor, data.office, pointer="#/body/office")
    targets = await service.set_targets(
        session=session, office=office, year=year, targets=data.targets, actor=actor.subject
    )
    return TargetsPublic(year=year, office=office, targets=targets)


@router.get(
    "/targets/{year}",
    response_model=TargetsPublic,
    responses={**EXPORT_RESPONSES, **problem_responses(*AUTH, InvalidInput)},
)
async def get_targets(
    request: Request,
    year: YearPath,
    session: DbSession,
    chosen: ReadOffice,
    offices: ExportedOffices,
    delimiter: CsvDelimiter = Delimiter.comma,
) -> Any:
    """The office's targets; as CSV or XLSX one row per indicator, in the indicators' order."""
    targets = await service.get_targets(session=session, office=chosen, year=year)
    rows = [
        {"office": chosen, "year": year, "indicator": code, "target": targets[code]}
        for code in BY_CODE
        if code in targets
    ]
    name = f"targets-{chosen}-{year}"
    if (
        export := tabular(
            request,
            name=name,
            columns=TARGET_COLUMNS,
            items=rows,
            delimiter=delimiter,
            offices=offices,
        )
    ) is not None:
        return export
    return TargetsPublic(year=year, office=chosen, targets=targets)


@router.get(
    "/kpis",
    response_model=KpiReport,
    responses={**EXPORT_RESPONSES, **problem_responses(*AUTH, InvalidInput)},
)
async def get_kpis(
    request: Request,
    year: Year,
    session: DbSession,
    scope: Scope,
    offices: ExportedOffices,
    delimiter: CsvDelimiter = Delimiter.comma,
) -> Any:
    """Each indicator's target, achievement and percentage; national callers who name no
    office get every office together (counts and their targets summed)."""
    items = await service.kpis(session=session, year=year, office=scope)
    name = f"kpis-{scope or 'national'}-{year}"
    rows = [item.model_dump() for item in items]
    if (
        export := tabular(
            request,
            name=name,
            columns=KPI_COLUMNS,
            items=rows,
            delimiter=delimiter,
            offices=offices,
        )
    ) is not None:
        return export
    return KpiReport(year=year, office=scope, items=items)
