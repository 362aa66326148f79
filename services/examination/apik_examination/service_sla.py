"""SLA use cases: the case's event log, clocks, policies and the breach scan.

They add and flush; the boundary (request, consumer or the scan's loop) commits.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_examination.events import outbox
from apik_examination.models import Case, CaseEvent, SlaBreach, SlaPolicy
from apik_examination.rules import TERMINAL_STATUSES
from apik_examination.rules_sla import (
    PolicyTerms,
    PolicyVersion,
    SlaClock,
    SlaPhase,
    SlaState,
    SlaUnit,
    Transition,
    compute_clock,
    select_policy,
)
from apik_examination.settings import Settings
from apik_shared.events.payloads import CaseSlaBreached
from apik_shared.problems import Conflict

# One replica scans at a time; the others skip their turn (transaction-scoped lock).
SCAN_LOCK_KEY = 0x4150494B5341  # "APIKSA"


async def record_event(
    *,
    session: AsyncSession,
    case: Case,
    type: str,
    actor: str,
    status: str | None = None,
    data: dict[str, Any] | None = None,
    at: datetime,
) -> CaseEvent:
    event = CaseEvent(
        case_id=case.id, type=type, status=status, actor=actor, data=data or {}, at=at
    )
    session.add(event)
    await session.flush()
    return event


def sla_condition(state: SlaState, now: datetime) -> ColumnElement[bool]:
    """The SQL twin of `rules_sla.state_at`, over the cached columns."""
    running = col(Case.sla_phase) == SlaPhase.running.value
    due_passed = col(Case.sla_breach_at) <= now
    not_due = or_(col(Case.sla_breach_at).is_(None), col(Case.sla_breach_at) > now)
    if state is SlaState.breached:
        return or_(col(Case.sla_phase) == SlaPhase.breached.value, and_(running, due_passed))
    if state is SlaState.warning:
        return and_(running, col(Case.sla_warn_at) <= now, not_due)
    if state is SlaState.on_track:
        no_warning = or_(col(Case.sla_warn_at).is_(None), col(Case.sla_warn_at) > now)
        return and_(running, no_warning, not_due)
    return col(Case.sla_phase) == state.value  # paused, met


def _version(row: SlaPolicy) -> PolicyVersion:
    return PolicyVersion(
        id=str(row.id),
        track=row.track,
        classification=row.classification,
        version=row.version,
        effective_from=row.effective_from,
        terms=PolicyTerms(
            target=row.target,
            unit=SlaUnit(row.unit),
            warning_ratio=row.warning_ratio,
            pause_statuses=frozenset(row.pause_statuses),
        ),
    )


async def load_policies(*, session: AsyncSession) -> list[PolicyVersion]:
    rows = await session.execute(select(SlaPolicy))
    return [_version(row) for row in rows.scalars()]


async def _transitions(session: AsyncSession, case_id: uuid.UUID) -> list[Transition]:
    rows = await session.execute(
        select(CaseEvent.at, CaseEvent.status)
        .where(CaseEvent.case_id == case_id, col(CaseEvent.status).is_not(None))
        .order_by(col(CaseEvent.at), col(CaseEvent.id))
    )
    return [Transition(at=at, status=status) for at, status in rows.all()]


async def clock_of(
    *,
    session: AsyncSession,
    case: Case,
    settings: Settings,
    now: datetime,
    policies: Sequence[PolicyVersion] | None = None,
) -> tuple[SlaClock, PolicyVersion]:
    """The case's clock at `now`, recomputed from its event log."""
    if policies is None:
        policies = await load_policies(session=session)
    policy = select_policy(
        policies, track=case.track, classification=case.classification, opened_at=case.opened_at
    )
    if policy is None:  # the defaults exist from the migration; someone removed them
        raise Conflict(f"No SLA policy for the {case.track} track.")
    transitions = await _transitions(session, case.id)
    if not transitions:
        transitions = [Transition(at=case.opened_at, status=case.status)]
    clock = compute_clock(
        terms=policy.terms,
        calendar=settings.calendar_for(case.office),
        transitions=transitions,
        terminal_statuses=TERMINAL_STATUSES,
        now=now,
    )
    return clock, policy


async def refresh_clock(
    *,
    session: AsyncSession,
    case: Case,
    settings: Settings,
    now: datetime,
    policies: Sequence[PolicyVersion] | None = None,
) -> tuple[SlaClock, PolicyVersion]:
    """Recomputes the case's clock and rewrites the cached columns lists filter on."""
    clock, policy = await clock_of(
        session=session, case=case, settings=settings, now=now, policies=policies
    )
    case.sla_policy_id = uuid.UUID(policy.id)
    case.sla_phase = clock.phase.value
    case.sla_warn_at = clock.warn_at
    case.sla_breach_at = clock.breach_at
    session.add(case)
    await session.flush()
    return clock, policy


@dataclass(frozen=True)
class ScanBatch:
    locked: bool  # False: another replica is scanning; this one skips its turn
    published: int
    last_id: uuid.UUID | None  # where the next batch starts; None when done


async def scan_breaches(
    *,
    session: AsyncSession,
    settings: Settings,
    now: datetime,
    after: uuid.UUID | None = None,
    batch: int = 200,
) -> ScanBatch:
    """Refreshes one batch of live clocks and publishes each new breach once.

    Safe with several replicas: the advisory lock keeps a second scan from doing the
    same work at the same time, and the `sla_breach` key (case, policy) makes the
    publication idempotent even without it. Rows a request is changing right now are
    skipped (`SKIP LOCKED`): that request recomputes their clock itself. Batches (each
    its own transaction) keep the row locks short, so requests never wait for a scan.
    """
    locked = await session.execute(
        text("SELECT pg_try_advisory_xact_lock(:k)"), {"k": SCAN_LOCK_KEY}
    )
    if not locked.scalar():
        return ScanBatch(locked=False, published=0, last_id=None)
    already = select(SlaBreach.case_id).where(
        SlaBreach.case_id == Case.id, SlaBreach.policy_id == Case.sla_policy_id
    )
    query = (
        select(Case)
        .where(
            or_(
                col(Case.status).not_in(TERMINAL_STATUSES),
                # Closed past the deadline before a scan saw it: still a breach to report.
                (col(Case.sla_phase) == "breached") & ~already.exists(),
            )
        )
        .order_by(col(Case.id))
        .limit(batch)
        .with_for_update(skip_locked=True)
    )
    if after is not None:
        query = query.where(col(Case.id) > after)
    cases = list((await session.execute(query)).scalars())
    policies = await load_policies(session=session)
    published = 0
    for case in cases:
        clock, policy = await refresh_clock(
            session=session, case=case, settings=settings, now=now, policies=policies
        )
        if clock.state is not SlaState.breached or clock.breach_at is None:
            continue
        if await publish_breach(session=session, case=case, clock=clock, policy=policy):
            published += 1
    last = cases[-1].id if len(cases) == batch else None
    return ScanBatch(locked=True, published=published, last_id=last)


async def publish_breach(
    *, session: AsyncSession, case: Case, clock: SlaClock, policy: PolicyVersion
) -> bool:
    assert clock.breach_at is not None
    inserted = await session.execute(
        insert(SlaBreach)
        .values(
            case_id=case.id,
            policy_id=uuid.UUID(policy.id),
            breached_at=clock.breach_at,
            detected_at=func.now(),
        )
        .on_conflict_do_nothing()
        .returning(col(SlaBreach.case_id))
    )
    if inserted.first() is None:
        return False
    payload = CaseSlaBreached(
        case_id=str(case.id),
        registration_number=case.registration_number,
        office=case.office,
        track=case.track,
        classification=case.classification,
        policy_id=policy.id,
        policy_version=policy.version,
        target=clock.target,
        unit=clock.unit.value,
        due_on=clock.due_on,
        breached_at=clock.breach_at,
    )
    await outbox.add(session, "case.sla_breached", payload, subject=str(case.id))
    return True
