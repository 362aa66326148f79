"""Quotas per period and unit: the coordinator sets a unit's places month by month, and
reads them with what is taken."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Query

from apik_internship.deps import AUTH, CurrentSettings, Reader, Reviewer
from apik_internship.quotas import service
from apik_internship.quotas.schemas import Month, QuotaPublic, QuotaSet
from apik_shared.platform.db import DbSession
from apik_shared.platform.problems import InvalidInput, problem_responses
from apik_shared.platform.routing import ServiceRouter

router = ServiceRouter(tags=["quotas"])


def _month(value: str) -> date:
    year, month = value.split("-")
    return date(int(year), int(month), 1)


@router.put("/quotas", response_model=QuotaPublic, responses=problem_responses(*AUTH, InvalidInput))
async def set_quota(
    data: QuotaSet, session: DbSession, actor: Reviewer, settings: CurrentSettings
) -> QuotaPublic:
    """Sets how many interns a unit of the caller's office takes in a month."""
    if data.unit not in settings.units:
        raise InvalidInput.field(
            "#/body/unit",
            f"No unit {data.unit!r}; the units are {', '.join(settings.units)}.",
            code="unknown_unit",
            units=", ".join(settings.units),
        )
    month = _month(data.month)
    await service.set_quota(
        session=session,
        office=actor.office,
        unit=data.unit,
        month=month,
        places=data.places,
        actor=actor.username,
    )
    [load] = await service.loads(
        session=session, office=actor.office, unit=data.unit, start=month, end=month
    )
    return QuotaPublic(
        unit=data.unit, month=month, places=load.places, taken=load.taken, free=load.free
    )


@router.get(
    "/quotas", response_model=list[QuotaPublic], responses=problem_responses(*AUTH, InvalidInput)
)
async def list_quotas(
    session: DbSession,
    actor: Reader,
    settings: CurrentSettings,
    start: Annotated[Month, Query(alias="from", description="first month, e.g. 2027-01")],
    end: Annotated[Month, Query(alias="to", description="last month, e.g. 2027-06")],
) -> list[QuotaPublic]:
    """Every unit's places, taken and free, month by month, in the caller's office."""
    first, last = _month(start), _month(end)
    if last < first or (last.year - first.year) * 12 + last.month - first.month >= 24:
        raise InvalidInput.field(
            "#/query/to",
            "Ask for 1 to 24 months, `to` after `from`.",
            code="months_out_of_range",
            max_months=24,
        )
    out = []
    for unit in settings.units:
        loads = await service.loads(
            session=session, office=actor.office, unit=unit, start=first, end=last
        )
        out += [
            QuotaPublic(unit=unit, month=m.month, places=m.places, taken=m.taken, free=m.free)
            for m in loads
        ]
    return out
