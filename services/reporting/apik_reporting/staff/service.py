"""Staff activity per person, and the national roll-up per office."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from apik_reporting.exports.schemas import Cell
from apik_reporting.kpis.rules import INDICATORS, loss_achievements, rounded, year_bounds
from apik_reporting.kpis.service import ikm_achieved_by_office
from apik_reporting.models import CASES, REPORTS, VISITS
from apik_reporting.read_model.service import losses, monthly
from apik_reporting.staff.rules import NATIONAL_ROW, STAFF_COLUMNS


@dataclass(frozen=True)
class _Source:
    """Where a staff column's work is: the person's username and subject columns (either
    may be missing) and the date that decides the year."""

    table: sa.Table
    username: str | None
    subject: str | None
    date_column: str


_SOURCES = {
    "reports_verified": _Source(REPORTS, "verified_by", "verified_by_subject", "verified_on"),
    "reports_rejected": _Source(REPORTS, "rejected_by", "rejected_by_subject", "rejected_on"),
    "consultations_answered": _Source(REPORTS, "answered_by", "answered_by_subject", "answered_on"),
    # examination names its examiners by the gateway's subject only
    "cases_closed": _Source(CASES, None, "examiner_id", "closed_on"),
    "visits_served": _Source(VISITS, "officer", "officer_subject", "visited_on"),
}


def _counted(source: _Source, year: int, office: str | None) -> sa.Select[Any]:
    """(username, subject, count[, rating sum, ratings]) per person of one source."""
    table, (first, last) = source.table, year_bounds(year)
    username = table.c[source.username] if source.username else sa.null()
    subject = table.c[source.subject] if source.subject else sa.null()
    measures: list[Any] = [sa.func.count()]
    if source.table is VISITS:
        measures += [sa.func.sum(table.c.rating), sa.func.count(table.c.rating)]
    named = [c for c in (username, subject) if isinstance(c, sa.Column)]
    query = (
        sa.select(username.label("username"), subject.label("subject"), *measures)
        .where(
            table.c[source.date_column].between(first, last),
            sa.or_(*(c.is_not(None) for c in named)),
        )
        .group_by(*named)
    )
    return query.where(table.c.office == office) if office is not None else query


async def staff_activity(
    *, session: AsyncSession, year: int, office: str | None
) -> list[dict[str, Cell]]:
    """One row per person with any activity in the year, keyed by the gateway's subject.

    A row that names a username only counts for the subject that username is seen with
    in any of the year's rows (see `staff/rules.STAFF_DEFINITION`).
    """
    found: list[tuple[str, str | None, str | None, tuple[int, ...]]] = []
    for column, source in _SOURCES.items():
        for username, subject, *measures in (
            await session.execute(_counted(source, year, office))
        ).all():
            found.append((column, username, subject, tuple(int(m or 0) for m in measures)))
    subject_of: dict[str, str] = {}
    for _, username, subject, _ in sorted(found, key=lambda f: (f[1] or "", f[2] or "")):
        if username and subject:
            subject_of.setdefault(username, subject)
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    names: dict[str, str] = {}
    for column, username, subject, measures in found:
        person = subject or subject_of.get(username or "") or username
        if person is None:  # the query keeps only rows that name someone
            continue
        counts[person][column] += measures[0]
        if len(measures) == 3:  # visits: the sum and the number of ratings
            counts[person]["rating_sum"] += measures[1]
            counts[person]["ratings"] += measures[2]
        if username and (person not in names or username < names[person]):
            names[person] = username
    items: list[dict[str, Cell]] = []
    for person in sorted(counts, key=lambda p: (names.get(p, p), p)):
        tally = counts[person]
        row: dict[str, Cell] = {"person": person, "username": names.get(person)}
        row |= {column: tally[column] for column in STAFF_COLUMNS if column in _SOURCES}
        ratings = tally["ratings"]
        row["desk_avg_rating"] = (
            rounded(Decimal(tally["rating_sum"]) / ratings) if ratings else None
        )
        items.append(row)
    return items


async def offices_with_facts(*, session: AsyncSession) -> list[str]:
    return await monthly.offices(session=session)


async def rollup(*, session: AsyncSession, year: int) -> list[dict[str, Cell]]:
    """Per office the achievements of /kpis, then every office together: one query per
    kind of count, grouped by office, instead of one set of queries per office."""
    totals = await monthly.year_totals_by_office(session=session, year=year)
    ikm = await ikm_achieved_by_office(session=session, year=year)
    loss = await losses.public_loss(session=session, year=year, office=None)
    # Every office's totals, those of facts that name no office included, as /kpis has.
    national = sum(totals.values(), monthly.Totals())
    items: list[dict[str, Cell]] = []
    for office in [*await offices_with_facts(session=session), None]:
        found = national if office is None else totals.get(office, monthly.Totals())
        mine = [one for one in loss if office is None or one.office == office]
        achieved = {**found.achievements(), **loss_achievements(mine), "ikm": ikm.get(office)}
        row: dict[str, Cell] = {"office": office or NATIONAL_ROW}
        for indicator in INDICATORS:
            row[indicator.code] = achieved[indicator.code] if indicator.available else 0
        items.append(row)
    return items
