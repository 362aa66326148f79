"""Indicators and breakdowns summed from the monthly counts (`fact_month`).

The triggers of migration 0003 keep, per office and month, how many facts have each
combination of raw values (kind, channel, outcome…) and the sums the averages need. A
year of every office together is then a few thousand rows to add up instead of
hundreds of thousands of facts to count. What counts as what is decided here, from
the features' rules (`kpis/rules.INDICATORS`, `breakdowns/rules.BREAKDOWNS`): the table
only counts.

Families and their raw values (`k1`, `k2`; '' when the fact has none), by the date that
decides them: `registered` (kind, 'answered' for an answered consultation) and `channel`
by registration; `verified`, `substance` and `agency_type` by the plenary's decision;
`closed` (SLA state; sums of working days) and `outcome` by the last closure; `opened`
by the opening and `settled` by the later of opening and closure (the cases still open
at a date are those opened minus those settled by then); `visited` (sums of duration
and rating) by the check-in. A breakdown's family is named after its dimension.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from apik_reporting.breakdowns.rules import UNSPECIFIED, Dimension
from apik_reporting.kpis.rules import CONSULTATION_KIND, PUBLIC_REPORT_KINDS, rounded
from apik_reporting.models import FactMonth

MONTHLY: sa.Table = FactMonth.__table__  # type: ignore[attr-defined]
_m = MONTHLY.c
ANSWERED = "answered"  # k2 of a consultation answered at intake
SLA_MET = "met"


def months_of(year: int) -> tuple[date, date]:
    """The first days of the year's first and last months."""
    return date(year, 1, 1), date(year, 12, 1)


def _sum(column: sa.ColumnElement[Any], *conditions: Any) -> sa.ColumnElement[Any]:
    return sa.func.coalesce(sa.func.sum(column).filter(*conditions), 0)


def _registered(*conditions: Any) -> sa.ColumnElement[Any]:
    return _sum(_m.n, _m.family == "registered", *conditions)


_YEAR_MEASURES = {
    "knl_recorded": _registered(_m.k1 == CONSULTATION_KIND, _m.k2 == ANSWERED),
    "lm_registered": _registered(_m.k1.in_(PUBLIC_REPORT_KINDS)),
    "handed_over": _sum(_m.n, _m.family == "verified"),
    "closed": _sum(_m.n, _m.family == "closed"),
    "sla_met": _sum(_m.n, _m.family == "closed", _m.k1 == SLA_MET),
    "sla_known": _sum(_m.n, _m.family == "closed", _m.k1 != ""),
    "days_sum": _sum(_m.sum1, _m.family == "closed"),
    "days_n": _sum(_m.n1, _m.family == "closed"),
    "visits": _sum(_m.n, _m.family == "visited"),
    "seconds_sum": _sum(_m.sum1, _m.family == "visited"),
    "seconds_n": _sum(_m.n1, _m.family == "visited"),
    "rating_sum": _sum(_m.sum2, _m.family == "visited"),
    "rating_n": _sum(_m.n2, _m.family == "visited"),
}
_TO_DATE_MEASURES = {
    "opened": _sum(_m.n, _m.family == "opened"),
    "settled": _sum(_m.n, _m.family == "settled"),
}


@dataclass(frozen=True)
class Totals:
    """An office's (or every office's) year, as sums: they add up across offices."""

    knl_recorded: int = 0
    lm_registered: int = 0
    handed_over: int = 0
    closed: int = 0
    sla_met: int = 0
    sla_known: int = 0
    days_sum: int = 0
    days_n: int = 0
    visits: int = 0
    seconds_sum: int = 0
    seconds_n: int = 0
    rating_sum: int = 0
    rating_n: int = 0
    opened: int = 0  # up to the year's end
    settled: int = 0

    def __add__(self, other: Totals) -> Totals:
        return Totals(
            **{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)}
        )

    def achievements(self) -> dict[str, float | None]:
        """The indicators of `rules.INDICATORS` but the IKM (`kpis/service.py`)."""

        def average(total: int, count: int, per: int = 1) -> float | None:
            return rounded(Decimal(total) / count / per) if count else None

        return {
            "knl_recorded": self.knl_recorded,
            "lm_registered": self.lm_registered,
            "reports_handed_over": self.handed_over,
            "reports_closed": self.closed,
            "reports_in_process": self.opened - self.settled,
            "closed_within_sla_pct": (
                rounded(Decimal(self.sla_met) * 100 / self.sla_known, 1) if self.sla_known else None
            ),
            "avg_working_days_to_close": average(self.days_sum, self.days_n),
            "desk_visits": self.visits,
            "desk_avg_duration_minutes": average(self.seconds_sum, self.seconds_n, 60),
            "desk_avg_rating": average(self.rating_sum, self.rating_n),
        }


def _office(office: str | None) -> list[sa.ColumnElement[bool]]:
    return [] if office is None else [_m.office == office]


def _year(year: int) -> list[sa.ColumnElement[bool]]:
    first, last = months_of(year)
    return [
        _m.family.in_(["registered", "verified", "closed", "visited"]),
        _m.month.between(first, last),
    ]


def _to_date(year: int) -> list[sa.ColumnElement[bool]]:
    """Every month up to the year's end (cases still open then)."""
    _, last = months_of(year)
    return [_m.family.in_(["opened", "settled"]), _m.month <= last]


def _labelled(measures: dict[str, sa.ColumnElement[Any]]) -> list[sa.Label[Any]]:
    return [column.label(name) for name, column in measures.items()]


def _values(row: sa.Row[Any], measures: dict[str, Any]) -> dict[str, int]:
    return {name: int(row._mapping[name]) for name in measures}


async def year_totals(*, session: AsyncSession, year: int, office: str | None) -> Totals:
    """The year's totals of `office`; None: every office together."""
    in_year = await session.execute(
        sa.select(*_labelled(_YEAR_MEASURES)).where(*_year(year), *_office(office))
    )
    to_date = await session.execute(
        sa.select(*_labelled(_TO_DATE_MEASURES)).where(*_to_date(year), *_office(office))
    )
    return Totals(
        **_values(in_year.one(), _YEAR_MEASURES), **_values(to_date.one(), _TO_DATE_MEASURES)
    )


async def year_totals_by_office(*, session: AsyncSession, year: int) -> dict[str, Totals]:
    """The year's totals of each office with any count in the year or before."""
    found: dict[str, dict[str, int]] = {}
    for conditions, measures in (
        (_year(year), _YEAR_MEASURES),
        (_to_date(year), _TO_DATE_MEASURES),
    ):
        rows = await session.execute(
            sa.select(_m.office, *_labelled(measures)).where(*conditions).group_by(_m.office)
        )
        for row in rows:
            found.setdefault(row.office, {}).update(_values(row, measures))
    return {office: Totals(**values) for office, values in found.items()}


async def grouped(
    *, session: AsyncSession, dimension: Dimension, year: int, office: str | None
) -> list[tuple[str, int]]:
    """(value, count) of one breakdown (not `month`), the largest first."""
    first, last = months_of(year)
    key = sa.case((_m.k1 == "", UNSPECIFIED), else_=_m.k1).label("key")
    count = sa.func.sum(_m.n).label("count")
    rows = await session.execute(
        sa.select(key, count)
        .where(_m.family == dimension.value, _m.month.between(first, last), *_office(office))
        .group_by(key)
        .having(sa.func.sum(_m.n) != 0)
        .order_by(sa.desc("count"), key)
    )
    return [(k, int(n)) for k, n in rows.all()]


_MONTH_MEASURES = {
    "lm_registered": _YEAR_MEASURES["lm_registered"],
    "knl_recorded": _YEAR_MEASURES["knl_recorded"],
    "reports_handed_over": _YEAR_MEASURES["handed_over"],
    "reports_closed": _YEAR_MEASURES["closed"],
    "desk_visits": _YEAR_MEASURES["visits"],
}


async def by_month(
    *, session: AsyncSession, year: int, office: str | None
) -> dict[int, dict[str, int]]:
    """Per month number, the counts of `breakdowns/rules.MONTH_COLUMNS`."""
    rows = await session.execute(
        sa.select(_m.month, *_labelled(_MONTH_MEASURES))
        .where(*_year(year), *_office(office))
        .group_by(_m.month)
    )
    return {row.month.month: _values(row, _MONTH_MEASURES) for row in rows}


async def offices(*, session: AsyncSession) -> list[str]:
    """Every office with a count or a survey response, in order: walks over the indexes
    whose first column is the office (one probe per office, not a scan of the tables)."""
    walks = [
        f"""
        (WITH RECURSIVE o AS (
            SELECT min(office) AS office FROM {table}
            UNION ALL
            SELECT (SELECT min(office) FROM {table} WHERE office > o.office)
            FROM o WHERE o.office IS NOT NULL
        )
        SELECT office FROM o WHERE office IS NOT NULL)
        """
        for table in ("fact_month", "survey_fact")
    ]
    rows = await session.execute(sa.text(" UNION ".join(walks) + " ORDER BY office"))
    return [office for (office,) in rows.all() if office]


# Each database session adds to rows of its own (its backend's pid), so the cells of a
# month gather one row per session that wrote them. Folding adds those rows up into
# one (shard 0), which keeps the reads as short as the triggers left them. Safe beside
# the triggers: a row being updated is deleted once its update commits, with its new
# values, and the next update of that cell starts a new row.
_FOLD = sa.text(
    """
    WITH gone AS (
        DELETE FROM fact_month WHERE shard <> 0 AND month < :before
        RETURNING office, month, family, k1, k2, n, sum1, n1, sum2, n2
    )
    INSERT INTO fact_month (office, month, family, k1, k2, shard, n, sum1, n1, sum2, n2)
    SELECT office, month, family, k1, k2, 0, sum(n), sum(sum1), sum(n1), sum(sum2), sum(n2)
    FROM gone GROUP BY office, month, family, k1, k2
    ON CONFLICT (office, month, family, k1, k2, shard) DO UPDATE
    SET n = fact_month.n + excluded.n, sum1 = fact_month.sum1 + excluded.sum1,
        n1 = fact_month.n1 + excluded.n1, sum2 = fact_month.sum2 + excluded.sum2,
        n2 = fact_month.n2 + excluded.n2
    """
)


async def fold(*, session: AsyncSession, before: date) -> int:
    """Folds the rows of the months before `before` into one per cell; returns how many
    rows it folded (0 when another replica is folding)."""
    locked = await session.execute(
        sa.text("SELECT pg_try_advisory_xact_lock(hashtextextended('apik:reporting:fold', 0))")
    )
    if not locked.scalar():
        return 0
    result = await session.execute(_FOLD, {"before": before})
    return int(result.rowcount)  # type: ignore[attr-defined]
