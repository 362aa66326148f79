"""The desk's figures: performance per officer, and what visitors come about (the
figures themselves are computed by `rules`)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_consultation.analysis import rules
from apik_consultation.analysis.schemas import (
    Analysis,
    CategoryCount,
    CategoryTerms,
    OfficerPerformance,
    PerformanceReport,
    TermCount,
    TopicWeekCount,
    WeekCount,
)
from apik_consultation.models import Visit
from apik_consultation.visits.rules import Category, VisitStatus
from apik_consultation.visits.service import days
from apik_shared.platform.auth import Principal, Role
from apik_shared.platform.problems import InvalidInput


def _check_period(first: date, last: date) -> None:
    if (problem := rules.period_problem(first, last)) is not None:
        name, why = problem
        raise InvalidInput.at(f"#/query/{name}", why)


# Every office's day lies within these hours of UTC's (UTC-12 to UTC+14): the bounds of a
# query over several offices, each then cut to its own days.
_WIDEST = timedelta(hours=14)


async def served_between(
    *,
    session: AsyncSession,
    office: str | None,
    officer: str | None,
    first: date,
    last: date,
) -> list[rules.Served]:
    """Visits whose service ended on the days `first` to `last` of their office, for
    `rules.performance`. One office's days are one range of instants in its zone; over
    every office (None) each visit's end is dated in its own office's zone."""
    query = select(Visit.officer, Visit.duration_seconds, Visit.rating).where(
        col(Visit.status).in_([VisitStatus.ended.value, VisitStatus.completed.value]),
    )
    if office is not None:
        zone = (await days.office_calendar(session, office)).zone
        query = query.where(
            Visit.office == office,
            col(Visit.ended_at) >= datetime.combine(first, time(), zone),
            col(Visit.ended_at) < datetime.combine(last + timedelta(days=1), time(), zone),
        )
    else:
        ended_on = days.local_date(col(Visit.office), col(Visit.ended_at))
        query = query.where(
            col(Visit.ended_at) >= datetime.combine(first, time(), UTC) - _WIDEST,
            col(Visit.ended_at) < datetime.combine(last + timedelta(days=1), time(), UTC) + _WIDEST,
            ended_on >= first,
            ended_on <= last,
        )
    if officer is not None:
        query = query.where(Visit.officer == officer)
    rows = await session.execute(query)
    return [rules.Served(name or "", seconds or 0, rating) for name, seconds, rating in rows]


async def checked_in_between(
    *, session: AsyncSession, office: str | None, first: date, last: date
) -> list[tuple[date, str, str, str]]:
    """(day, category, requested category, description) of visits checked in on the
    days `first` to `last` (`Visit.day`, the check-in's date in its office's zone)."""
    query = select(
        col(Visit.day), col(Visit.category), col(Visit.requested_category), col(Visit.description)
    ).where(col(Visit.day) >= first, col(Visit.day) <= last)
    if office is not None:
        query = query.where(Visit.office == office)
    return [(d, c, r, text) for d, c, r, text in await session.execute(query)]


async def officer_performance(
    *, session: AsyncSession, actor: Principal, first: date, last: date
) -> PerformanceReport:
    """Per officer, the visits whose service ended on the days `first` to `last` of their
    office (in its own zone). An officer without a supervising, head or analyst role gets
    their own figures only."""
    _check_period(first, last)
    own_only = not actor.has_any(Role.desk_supervisor, Role.head, Role.analyst)
    served = await served_between(
        session=session,
        office=actor.office_scope(),
        officer=actor.username if own_only else None,
        first=first,
        last=last,
    )
    return PerformanceReport(
        office=actor.office_scope(),
        period_from=first,
        period_to=last,
        items=[
            OfficerPerformance.model_validate(p, from_attributes=True)
            for p in rules.performance(served)
        ],
    )


async def visits_analysis(
    *, session: AsyncSession, actor: Principal, first: date, last: date
) -> Analysis:
    """Visits checked in on the days `first` to `last` of their office: per category, per
    week and category, the frequent terms (topics) with their weekly trend, and per
    category."""
    _check_period(first, last)
    rows = await checked_in_between(
        session=session, office=actor.office_scope(), first=first, last=last
    )
    categories = [
        CategoryCount(category=category, visits=visits, late_objections=late)
        for category, visits, late in rules.category_counts((c, r) for _, c, r, _ in rows)
    ]
    weekly = rules.weekly_counts((day, category) for day, category, _, _ in rows)
    terms = rules.frequent_terms(text for _, _, _, text in rows)
    topic_weekly = rules.weekly_term_counts(
        ((day, text) for day, _, _, text in rows), [term for term, _ in terms]
    )
    by_category = [
        CategoryTerms(
            category=category,
            terms=[
                TermCount(term=t, visits=n)
                for t, n in rules.frequent_terms(
                    (text for _, c, _, text in rows if c == category.value), top=5
                )
            ],
        )
        for category in Category
    ]
    return Analysis(
        office=actor.office_scope(),
        period_from=first,
        period_to=last,
        categories=categories,
        weekly=[WeekCount(week=w, category=Category(c), visits=n) for w, c, n in weekly],
        frequent_terms=[TermCount(term=t, visits=n) for t, n in terms],
        topic_weekly=[TopicWeekCount(week=w, term=t, visits=n) for w, t, n in topic_weekly],
        frequent_terms_by_category=by_category,
    )
