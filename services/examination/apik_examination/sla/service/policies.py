"""SLA policy versions: list them, add one (and recompute the clocks it may move).

They add and flush; the request commits.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_examination.cases.rules import TERMINAL_STATUSES
from apik_examination.models import Case, SlaPolicy
from apik_examination.sla.rules import SlaUnit
from apik_examination.sla.service.clocks import load_policies, refresh_clocks

_SLICE = 1000


async def list_policies(*, session: AsyncSession) -> list[SlaPolicy]:
    rows = await session.execute(
        select(SlaPolicy).order_by(
            col(SlaPolicy.track), col(SlaPolicy.classification), col(SlaPolicy.version)
        )
    )
    return list(rows.scalars())


async def add_policy_version(
    *,
    session: AsyncSession,
    track: str,
    classification: str | None,
    target: int,
    unit: SlaUnit,
    warning_ratio: float,
    pause_statuses: Sequence[str],
    effective_from: datetime,
    note: str,
    actor: str,
    now: datetime,
) -> SlaPolicy:
    """Adds the next version of a policy and recomputes the clocks it may move."""
    # Serialises concurrent versions of one key; the unique index is the backstop.
    await session.execute(
        text("SELECT pg_advisory_xact_lock(hashtext(:k))"),
        {"k": f"sla-policy:{track}:{classification or ''}"},
    )
    latest = await session.execute(
        select(func.max(SlaPolicy.version)).where(
            SlaPolicy.track == track,
            col(SlaPolicy.classification).is_(None)
            if classification is None
            else SlaPolicy.classification == classification,
        )
    )
    policy = SlaPolicy(
        track=track,
        classification=classification,
        version=(latest.scalar() or 0) + 1,
        target=target,
        unit=unit.value,
        warning_ratio=warning_ratio,
        pause_statuses=sorted(set(pause_statuses)),
        effective_from=effective_from,
        note=note,
        created_by=actor,
        created_at=now,
    )
    session.add(policy)
    await session.flush()
    live = await session.execute(
        select(Case)
        .where(Case.track == track, col(Case.status).not_in(TERMINAL_STATUSES))
        .order_by(col(Case.id))  # one lock order, so two policy changes cannot deadlock
        .with_for_update()
    )
    policies = await load_policies(session=session)
    cases = list(live.scalars())
    # In slices: a statement binds at most 32767 parameters (one per case id here).
    for start in range(0, len(cases), _SLICE):
        await refresh_clocks(
            session=session,
            cases=cases[start : start + _SLICE],
            now=now,
            policies=policies,
        )
    return policy
