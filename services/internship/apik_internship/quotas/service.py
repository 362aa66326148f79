"""Quotas: set by the coordinator, and the check an acceptance passes (`rules`)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_internship.applications.rules import ApplicationStatus
from apik_internship.models import Application, Quota
from apik_internship.quotas import rules
from apik_internship.quotas.rules import MonthLoad
from apik_shared.platform.problems import Conflict, field_error
from apik_shared.vocabulary.field_errors import invalid


class QuotaFull(Conflict):
    slug, title = "quota-full", "The unit has no free place in the period"


async def set_quota(
    *, session: AsyncSession, office: str, unit: str, month: date, places: int, actor: str
) -> Quota:
    """Sets (or changes) a unit's places in a month. Lowering it below what is already
    accepted is allowed: the places were promised, the quota only stops new ones."""
    table = Quota.__table__  # type: ignore[attr-defined]
    values = {"places": places, "set_by": actor, "set_at": datetime.now(UTC)}
    await session.execute(
        insert(table)
        .values(office=office, unit=unit, month=month, **values)
        .on_conflict_do_update(index_elements=["office", "unit", "month"], set_=values)
    )
    quota = await session.get(Quota, (office, unit, month), populate_existing=True)
    assert quota is not None
    return quota


async def _accepted_periods(
    session: AsyncSession, *, office: str, unit: str, start: date, end: date
) -> list[tuple[date, date]]:
    """The periods accepted into `unit` that overlap [start, end] at month granularity."""
    first, last = rules.month_of(start), rules.next_month(rules.month_of(end))
    rows = await session.execute(
        select(col(Application.period_start), col(Application.period_end)).where(
            Application.office == office,
            Application.unit == unit,
            Application.status == ApplicationStatus.accepted.value,
            col(Application.period_start) < last,
            col(Application.period_end) >= first,
        )
    )
    return [(row[0], row[1]) for row in rows]


async def loads(
    *, session: AsyncSession, office: str, unit: str, start: date, end: date, lock: bool = False
) -> list[MonthLoad]:
    """Places and places taken per month of [start, end]. With `lock`, the months' quota
    rows stay locked to the transaction: two acceptances into one unit and month take
    turns, so the second counts the first."""
    months = rules.months_touched(start, end)
    query = select(Quota).where(
        Quota.office == office, Quota.unit == unit, col(Quota.month).in_(months)
    )
    if lock:
        query = query.with_for_update()
    places = {q.month: q.places for q in (await session.execute(query)).scalars()}
    periods = await _accepted_periods(session, office=office, unit=unit, start=start, end=end)
    return rules.loads(months, places, rules.taken_per_month(periods, months))


async def check_fits(
    *, session: AsyncSession, office: str, unit: str, start: date, end: date
) -> None:
    """Refuses an acceptance into a unit that is full in a month of the period."""
    per_month = await loads(
        session=session, office=office, unit=unit, start=start, end=end, lock=True
    )
    full = [load for load in per_month if load.free == 0]
    if full:
        said = ", ".join(f"{m.month:%Y-%m} ({m.taken}/{m.places})" for m in full)
        raise QuotaFull(
            f"Unit {unit} has no free place in {said}.",
            errors=[
                field_error("#/body/unit", invalid("unit_full", "full in {months}", months=said))
            ],
        )
