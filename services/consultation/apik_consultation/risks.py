"""The procurement risk register's use cases. They add and flush; the boundary commits."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import tuple_, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_consultation import rules
from apik_consultation.models import Risk
from apik_consultation.rules import RiskStatus
from apik_consultation.schemas import RiskCreate, RiskUpdate
from apik_shared.auth import Principal
from apik_shared.pagination import decode_cursor, encode_cursor
from apik_shared.problems import InvalidInput, NotFound

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
    query = select(Risk).where(Risk.id == risk_id)
    if for_update:
        query = query.with_for_update()
    risk = (await session.execute(query)).scalar_one_or_none()
    if risk is None or not actor.can_see_office(risk.office):
        raise NotFound(f"No risk {risk_id}.")
    return risk


async def change(*, session: AsyncSession, risk: Risk, data: RiskUpdate) -> Risk:
    """Applies the fields sent (the risk row is locked by the caller)."""
    changes: dict[str, Any] = data.model_dump(exclude_unset=True)
    for name in _REQUIRED:
        if name in changes and changes[name] is None:
            raise InvalidInput.field(f"#/body/{name}", f"{name} may be changed, not removed.")
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
    review_overdue_on: date | None,
    cursor: str | None,
    limit: int,
) -> tuple[list[Risk], str | None]:
    """Newest first; with `review_overdue_on`, only the open risks whose review date has
    passed by that day."""
    query = select(Risk).order_by(col(Risk.created_at).desc(), col(Risk.id).desc()).limit(limit + 1)
    if (office := actor.office_scope()) is not None:
        query = query.where(Risk.office == office)
    if level is not None:
        query = query.where(Risk.level == level)
    if review_overdue_on is not None:
        query = query.where(
            col(Risk.review_on) < review_overdue_on, Risk.status != RiskStatus.closed.value
        )
    if (after := decode_cursor(cursor)) is not None:
        try:
            at, ident = datetime.fromisoformat(after[0]), uuid.UUID(after[1])
        except (ValueError, IndexError, TypeError) as exc:
            raise InvalidInput.field("#/query/cursor", "The cursor is not valid.") from exc
        query = query.where(tuple_(col(Risk.created_at), col(Risk.id)) < tuple_(at, ident))
    rows = list((await session.execute(query)).scalars())
    more = len(rows) > limit
    rows = rows[:limit]
    last = rows[-1] if rows else None
    next_cursor = (
        encode_cursor(last.created_at.isoformat(), str(last.id)) if more and last else None
    )
    return rows, next_cursor


async def open_pairs(*, session: AsyncSession, office: str | None) -> list[tuple[int, int]]:
    """(likelihood, impact) of every risk not closed, for `rules.heat_map`."""
    query = select(Risk.likelihood, Risk.impact).where(Risk.status != RiskStatus.closed.value)
    if office is not None:
        query = query.where(Risk.office == office)
    return [(likelihood, impact) for likelihood, impact in await session.execute(query)]
