"""The prevention KPIs from the read model's prevention facts (reporting migration 0009).

An office publishes tens of assessments and holds tens of clinics a year: each figure is
one small aggregate query over the year's facts."""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import distinct_on
from sqlalchemy.ext.asyncio import AsyncSession

from apik_reporting.models import AGREEMENTS, ASSESSMENTS, CLINICS, FOCAL_POINT_CHANGES, SUGGESTIONS
from apik_reporting.prevention import rules
from apik_reporting.prevention.schemas import (
    AgreementKpis,
    AssessmentKpis,
    ClinicKpis,
    FocalPointKpis,
    KindCounts,
    PreventionKpis,
    RegencyCount,
    RegionCount,
    ResultCount,
    SuggestionKpis,
)


def _where(table: sa.Table, column: str, year: int, office: str | None) -> list[Any]:
    found = [table.c[column].between(date(year, 1, 1), date(year, 12, 31))]
    return found if office is None else [*found, table.c.office == office]


async def _assessments(session: AsyncSession, year: int, office: str | None) -> AssessmentKpis:
    a = ASSESSMENTS.c
    where = _where(ASSESSMENTS, "published_on", year, office)
    published, average = (
        await session.execute(sa.select(sa.func.count(), sa.func.avg(a.total)).where(*where))
    ).one()
    results = await session.execute(
        sa.select(a.label, a.zone, a.grade, sa.func.count())
        .where(*where)
        .group_by(a.label, a.zone, a.grade)
        .order_by(a.grade.nulls_last(), a.zone, a.label)
    )
    regions = await session.execute(
        sa.select(a.region, sa.func.count()).where(*where).group_by(a.region).order_by(a.region)
    )
    return AssessmentKpis(
        published=published,
        average_total=None if average is None else round(float(average), 2),
        results=[ResultCount(label=lb, zone=z, grade=g, count=n) for lb, z, g, n in results],
        regions=[RegionCount(region=r, count=n) for r, n in regions],
    )


async def _suggestions(session: AsyncSession, year: int, office: str | None) -> SuggestionKpis:
    s = SUGGESTIONS.c
    done, late = (
        await session.execute(
            sa.select(sa.func.count(), sa.func.count().filter(s.late.is_(True))).where(
                *_where(SUGGESTIONS, "followed_up_on", year, office)
            )
        )
    ).one()
    return SuggestionKpis(followed_up=done, late=late, on_time_rate=rules.share(done - late, done))


async def _clinics(session: AsyncSession, year: int, office: str | None) -> ClinicKpis:
    c = CLINICS.c
    rows = (
        await session.execute(
            sa.select(c.participants, c.attended, c.tested, c.class_gain, c.mean_gain).where(
                *_where(CLINICS, "held_on", year, office)
            )
        )
    ).all()
    return ClinicKpis(
        completed=len(rows),
        participants=sum(r.participants or 0 for r in rows),
        attended=sum(r.attended or 0 for r in rows),
        tested=sum(r.tested or 0 for r in rows),
        class_gain_mean=rules.mean(r.class_gain for r in rows),
        mean_gain_mean=rules.mean(r.mean_gain for r in rows),
        class_gain_categories=rules.gain_categories(r.class_gain for r in rows),
    )


async def _focal_points(session: AsyncSession, year: int, office: str | None) -> FocalPointKpis:
    f = FOCAL_POINT_CHANGES.c
    in_year = _where(FOCAL_POINT_CHANGES, "changed_on", year, office)
    activated_ = f.change == "activated"
    activated, reactivated, deactivated = (
        await session.execute(
            sa.select(
                sa.func.count(sa.distinct(f.focal_point_id)).filter(activated_),
                sa.func.count(sa.distinct(f.focal_point_id)).filter(activated_, f.reactivated),
                sa.func.count().filter(f.change == "deactivated"),
            ).where(*in_year)
        )
    ).one()
    # Each focal point's last change on or before 31 December: active if an activation.
    last = (
        sa.select(f.focal_point_id, f.regency, f.change)
        .where(
            f.changed_on <= date(year, 12, 31),
            *([] if office is None else [f.office == office]),
        )
        .ext(distinct_on(f.focal_point_id))
        .order_by(f.focal_point_id, f.changed_at.desc())
        .subquery()
    )
    active = await session.execute(
        sa.select(last.c.regency, sa.func.count())
        .where(last.c.change == "activated")
        .group_by(last.c.regency)
    )
    per_regency = await session.execute(
        sa.select(f.regency, sa.func.count(sa.distinct(f.focal_point_id)))
        .where(*in_year, activated_)
        .group_by(f.regency)
    )
    regencies: dict[str | None, dict[str, int]] = {}
    for regency, n in active:
        regencies.setdefault(regency, {"activated": 0, "active_at_year_end": 0})
        regencies[regency]["active_at_year_end"] = n
    for regency, n in per_regency:
        regencies.setdefault(regency, {"activated": 0, "active_at_year_end": 0})
        regencies[regency]["activated"] = n
    return FocalPointKpis(
        activated=activated,
        reactivated=reactivated,
        deactivated=deactivated,
        active_at_year_end=sum(r["active_at_year_end"] for r in regencies.values()),
        regencies=[
            RegencyCount(regency=k, **v)
            for k, v in sorted(regencies.items(), key=lambda kv: kv[0] or "")
        ],
    )


async def _agreements(session: AsyncSession, year: int, office: str | None) -> AgreementKpis:
    g = AGREEMENTS.c
    first, last = date(year, 1, 1), date(year, 12, 31)
    # In force on a day: activated by then, within its term, not ended before it.
    started = sa.and_(g.activated_on <= last, g.starts_on <= last)
    during = sa.and_(started, g.ends_on >= first, sa.or_(g.ended_on.is_(None), g.ended_on > first))
    at_end = sa.and_(started, g.ends_on >= last, sa.or_(g.ended_on.is_(None), g.ended_on > last))
    ended_in_year = g.ended_on.between(first, last)
    rows = await session.execute(
        sa.select(
            g.kind,
            sa.func.count().filter(g.activated_on.between(first, last)),
            sa.func.count().filter(during),
            sa.func.count().filter(at_end),
            sa.func.count().filter(ended_in_year, g.end_status == "expired"),
            sa.func.count().filter(ended_in_year, g.end_status == "terminated"),
        )
        .where(*([] if office is None else [g.office == office]))
        .group_by(g.kind)
        .order_by(g.kind)
    )
    names = ("activated", "in_force_during_year", "in_force_at_year_end", "expired", "terminated")
    kinds = [KindCounts(kind=k, **dict(zip(names, counts, strict=True))) for k, *counts in rows]
    kinds = [k for k in kinds if any(getattr(k, n) for n in names)]
    totals = {n: sum(getattr(k, n) for k in kinds) for n in names}
    return AgreementKpis(**totals, kinds=kinds)


async def prevention_kpis(
    *, session: AsyncSession, year: int, office: str | None
) -> PreventionKpis:
    return PreventionKpis(
        year=year,
        office=office,
        assessments=await _assessments(session, year, office),
        suggestions=await _suggestions(session, year, office),
        clinics=await _clinics(session, year, office),
        focal_points=await _focal_points(session, year, office),
        agreements=await _agreements(session, year, office),
        definitions_id=rules.DEFINITIONS_ID,
        definitions_en=rules.DEFINITIONS,
    )
