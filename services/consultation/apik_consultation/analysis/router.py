"""The desk's figures: performance per officer, and what visitors come about."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Query

from apik_consultation.analysis import service
from apik_consultation.analysis.schemas import Analysis, PerformanceReport
from apik_consultation.deps import AUTH, Reader
from apik_shared.platform.db import DbSession
from apik_shared.platform.problems import InvalidInput, problem_responses
from apik_shared.platform.routing import ServiceRouter

router = ServiceRouter(tags=["analysis"])

PeriodFrom = Annotated[date, Query(alias="from", description="first day, inclusive")]
PeriodTo = Annotated[date, Query(alias="to", description="last day, inclusive")]


@router.get(
    "/performance",
    response_model=PerformanceReport,
    responses=problem_responses(*AUTH, InvalidInput),
)
async def officer_performance(
    session: DbSession,
    actor: Reader,
    period_from: PeriodFrom,
    period_to: PeriodTo,
) -> PerformanceReport:
    """Per officer, the visits whose service ended in the period (the days of their office,
    in its zone): how many, average and median duration, average rating and the share rated
    4 or 5. An officer without a supervising, head or analyst role sees their own figures
    only."""
    return await service.officer_performance(
        session=session,
        actor=actor,
        first=period_from,
        last=period_to,
    )


@router.get(
    "/analysis",
    response_model=Analysis,
    responses=problem_responses(*AUTH, InvalidInput),
)
async def analyse_visits(
    session: DbSession, actor: Reader, period_from: PeriodFrom, period_to: PeriodTo
) -> Analysis:
    """Visits checked in during the period (the days of their office, in its zone): per
    category, per week and category, the words visitors' descriptions name most often (the
    topics) with their weekly trend, and the most frequent words per category."""
    return await service.visits_analysis(
        session=session, actor=actor, first=period_from, last=period_to
    )
