"""The desk's figures: performance per officer, and what visitors come about."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Query

from apik_consultation import analysis, rules, rules_analysis
from apik_consultation.deps import AUTH, Config, Reader
from apik_consultation.rules import Category
from apik_consultation.schemas import (
    Analysis,
    CategoryCount,
    CategoryTerms,
    OfficerPerformance,
    PerformanceReport,
    TermCount,
    TopicWeekCount,
    WeekCount,
)
from apik_shared.auth import Role
from apik_shared.db import DbSession, TransactionalRoute
from apik_shared.problems import InvalidInput, problem_responses

router = APIRouter(route_class=TransactionalRoute, tags=["analysis"])

PeriodFrom = Annotated[date, Query(alias="from", description="first day, inclusive")]
PeriodTo = Annotated[date, Query(alias="to", description="last day, inclusive")]
MAX_PERIOD_DAYS = 3 * 366  # a report reads each visit of the period; bound its cost
# Days a desk can have served anyone; beyond them the period's edges overflow timestamps.
EARLIEST, LATEST = date(2000, 1, 1), date(2100, 12, 31)


def _check_period(period_from: date, period_to: date) -> None:
    for name, day in (("from", period_from), ("to", period_to)):
        if not EARLIEST <= day <= LATEST:
            raise InvalidInput.field(f"#/query/{name}", f"Give a day from {EARLIEST} to {LATEST}.")
    if period_to < period_from:
        raise InvalidInput.field("#/query/to", "The period ends before it starts.")
    if (period_to - period_from).days > MAX_PERIOD_DAYS:
        raise InvalidInput.field("#/query/to", f"A period spans {MAX_PERIOD_DAYS} days at most.")


@router.get(
    "/performance",
    response_model=PerformanceReport,
    responses=problem_responses(*AUTH, InvalidInput),
    operation_id="consultation_performance",
)
async def performance(
    session: DbSession,
    actor: Reader,
    settings: Config,
    period_from: PeriodFrom,
    period_to: PeriodTo,
) -> PerformanceReport:
    """Per officer, the visits whose service ended in the period (the desk's days): how many,
    average and median duration, average rating and the share rated 4 or 5. An officer
    without a supervising, head or analyst role sees their own figures only."""
    _check_period(period_from, period_to)
    zone = ZoneInfo(settings.desk_timezone)
    start = datetime.combine(period_from, time(), zone)
    end = datetime.combine(period_to + timedelta(days=1), time(), zone)
    own_only = not actor.has_any(Role.desk_supervisor, Role.head, Role.analyst)
    served = await analysis.served_between(
        session=session,
        office=actor.office_scope(),
        officer=actor.username if own_only else None,
        start=start,
        end=end,
    )
    return PerformanceReport(
        office=actor.office_scope(),
        period_from=period_from,
        period_to=period_to,
        items=[
            OfficerPerformance.model_validate(p, from_attributes=True)
            for p in rules.performance(served)
        ],
    )


@router.get(
    "/analysis",
    response_model=Analysis,
    responses=problem_responses(*AUTH, InvalidInput),
    operation_id="consultation_analysis",
)
async def visits_analysis(
    session: DbSession, actor: Reader, period_from: PeriodFrom, period_to: PeriodTo
) -> Analysis:
    """Visits checked in during the period (the desk's days): per category, per week and
    category, the words visitors' descriptions name most often (the topics) with their
    weekly trend, and the most frequent words per category."""
    _check_period(period_from, period_to)
    rows = await analysis.checked_in_between(
        session=session, office=actor.office_scope(), first=period_from, last=period_to
    )
    categories = []
    for category in Category:
        mine = [r for r in rows if r[1] == category.value]
        late = sum(1 for r in mine if r[2] != r[1])
        categories.append(CategoryCount(category=category, visits=len(mine), late_objections=late))
    weekly = rules_analysis.weekly_counts((day, category) for day, category, _, _ in rows)
    terms = rules_analysis.frequent_terms(text for _, _, _, text in rows)
    topic_weekly = rules_analysis.weekly_term_counts(
        ((day, text) for day, _, _, text in rows), [term for term, _ in terms]
    )
    by_category = [
        CategoryTerms(
            category=category,
            terms=[
                TermCount(term=t, visits=n)
                for t, n in rules_analysis.frequent_terms(
                    (text for _, c, _, text in rows if c == category.value), top=5
                )
            ],
        )
        for category in Category
    ]
    return Analysis(
        office=actor.office_scope(),
        period_from=period_from,
        period_to=period_to,
        categories=categories,
        weekly=[WeekCount(week=w, category=Category(c), visits=n) for w, c, n in weekly],
        frequent_terms=[TermCount(term=t, visits=n) for t, n in terms],
        topic_weekly=[TopicWeekCount(week=w, term=t, visits=n) for w, t, n in topic_weekly],
        frequent_terms_by_category=by_category,
    )
