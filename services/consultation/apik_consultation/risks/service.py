"""The procurement risk register's use cases. They add and flush; the boundary commits."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_consultation.models import Risk
from apik_consultation.risks import rules
from apik_consultation.risks.rules import RiskStatus
from apik_consultation.risks.schemas import RiskCreate, RiskUpdate
from apik_consultation.visits.service import days
from apik_shared.platform.access import get_in_office
from apik_shared.platform.auth import Principal
from apik_shared.platform.pagination import newest_first_page
from apik_shared.platform.problems import InvalidInput

# Fields a change may leave out but never blank out.
_REQUIRED = ("title", "likelihood", "impact", "owner", "status", "review_on")


async def create(*, session: AsyncSession, data: RiskCreate, actor: Principal) -> Risk:
    now = datetime.now(UTC)
    risk = Risk(
        **data.model_dump(exclude={"status"}),
        status=data.status.value,
        office=actor.office,
        level=rules.risk_level(data.likelihood, data.impact).value,
        created_by=actor.username,
        created_at=now,
        updated_at=now,
    )
    session.add(risk)
    await session.flush()
    return risk


async def get(
    *, session: AsyncSession, risk_id: uuid.UUID, actor: Principal, for_update: bool = False
) -> Risk:
    return await get_in_office(
        session=session,
        model=Risk,
        ident=risk_id,
        actor=actor,
        label="risk",
        for_update=for_update,
    )


async def change(*, session: AsyncSession, risk: Risk, data: RiskUpdate) -> Risk:
    """Applies the fields sent (the risk row is locked by the caller)."""
    changes: dict[str, Any] = data.model_dump(exclude_unset=True)
    for name in _REQUIRED:
        if name in changes and changes[name] is None:
            raise InvalidInput.field(
                f"#/body/{name}", f"{name} may be changed, not removed.", code="cannot_be_cleared"
            )
    if isinstance(status := changes.get("status"), RiskStatus):
        changes["status"] = status.value
    likelihood = changes.get("likelihood", risk.likelihood)
    impact = changes.get("impact", risk.impact)
    changes["level"] = rules.risk_level(likelihood, impact).value
    changes["updated_at"] = datetime.now(UTC)
    changes["version"] = risk.version + 1
    await session.execute(update(Risk).where(col(Risk.id) == risk.id).values(**changes))
    for key, value in changes.items():
        setattr(risk, key, value)
    await session.flush()
    return risk


async def listing(
    *,
    session: AsyncSession,
    actor: Principal,
    level: str | None,
    review_overdue: bool,
    cursor: str | None,
    limit: int,
) -> tuple[list[Risk], str | None]:
    """Newest first; with `review_overdue`, only the open risks whose review date has
    passed by today of their office."""
    query = select(Risk)
    if (office := actor.office_scope()) is not None:
        query = query.where(Risk.office == office)
    if level is not None:
        query = query.where(Risk.level == level)
    if review_overdue:
        today = await days.today_of_scope(session, office, col(Risk.office), datetime.now(UTC))
        query = query.where(col(Risk.review_on) < today, Risk.status != RiskStatus.closed.value)
    return await newest_first_page(
        session,
        query,
        timestamp=col(Risk.created_at),
        ident=col(Risk.id),
        cursor=cursor,
        limit=limit,
    )


async def open_pairs(*, session: AsyncSession, office: str | None) -> list[tuple[int, int]]:
    """(likelihood, impact) of every risk not closed, for `rules.heat_map`."""
    query = select(Risk.likelihood, Risk.impact).where(Risk.status != RiskStatus.closed.value)
    if office is not None:
        query = query.where(Risk.office == office)
    return [(likelihood, impact) for likelihood, impact in await session.execute(query)]
