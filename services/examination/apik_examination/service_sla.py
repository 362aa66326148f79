"""SLA use cases: the case's event log, clocks, policies and the breach scan.

They add and flush; the boundary (request, consumer or the scan's loop) commits.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import ColumnElement, and_, bindparam, func, or_, text, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import col, select

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
from apik_shared.events.outbox import Outgoing
from apik_shared.events.payloads import CaseSlaBreached
from apik_shared.events.publish import publish_many
from apik_shared.problems import Conflict

CASES: sa.Table = Case.__table__  # type: ignore[attr-defined]
SLA_BREACHES: sa.Table = SlaBreach.__table__  # type: ignore[attr-defined]

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


async def transitions_of(
    *, session: AsyncSession, case_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[Transition]]:
    """The status histories of several cases in one query, each in time order."""
    logs: dict[uuid.UUID, list[Transition]] = {case_id: [] for case_id in case_ids}
    if not case_ids:
        return logs
    rows = await session.execute(
        select(CaseEvent.case_id, CaseEvent.at, CaseEvent.status)
        .where(col(CaseEvent.case_id).in_(case_ids), col(CaseEvent.status).is_not(None))
        .order_by(col(CaseEvent.case_id), col(CaseEvent.at), col(CaseEvent.id))
    )
    for case_id, at, status in rows.all():
        if status is not None:  # the query keeps only the events that set a status
            logs[case_id].append(Transition(at=at, status=status))
    return logs


def _compute(
    *,
    case: Case,
    transitions: Sequence[Transition],
    policies: Sequence[PolicyVersion],
    settings: Settings,
    now: datetime,
) -> tuple[SlaClock, PolicyVersion]:
    policy = select_policy(
        policies, track=case.track, classification=case.classification, opened_at=case.opened_at
    )
    if policy is None:  # the defaults exist from the migration; someone removed them
        raise Conflict(f"No SLA policy for the {case.track} track.")
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


def _cached(clock: SlaClock, policy: PolicyVersion) -> dict[str, Any]:
    """The case columns lists filter on, for this clock."""
    return {
        "sla_policy_id": uuid.UUID(policy.id),
        "sla_phase": clock.phase.value,
        "sla_warn_at": clock.warn_at,
        "sla_breach_at": clock.breach_at,
    }


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
    logs = await transitions_of(session=session, case_ids=[case.id])
    return _compute(
        case=case, transitions=logs[case.id], policies=policies, settings=settings, now=now
    )


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
    for name, value in _cached(clock, policy).items():
        setattr(case, name, value)
    session.add(case)
    await session.flush()
    return clock, policy


async def refresh_clocks(
    *,
    session: AsyncSession,
    cases: Sequence[Case],
    settings: Settings,
    now: datetime,
    policies: Sequence[PolicyVersion],
) -> list[tuple[Case, SlaClock, PolicyVersion]]:
    """`refresh_clock` for many cases in a fixed number of statements, however many.

    One query reads every event log, one statement rewrites the cached columns of the
    cases whose clock moved. The caller holds the rows' locks (the scan, a policy
    change); the objects are given the written values without being marked dirty.
    """
    logs = await transitions_of(session=session, case_ids=[c.id for c in cases])
    clocks: list[tuple[Case, SlaClock, PolicyVersion]] = []
    moved: list[dict[str, Any]] = []
    for case in cases:
        clock, policy = _compute(
            case=case, transitions=logs[case.id], policies=policies, settings=settings, now=now
        )
        clocks.append((case, clock, policy))
        values = _cached(clock, policy)
        if any(getattr(case, name) != value for name, value in values.items()):
            moved.append({"case_id": case.id, **values})
            for name, value in values.items():
                set_committed_value(case, name, value)  # as the row will be, not dirty
    if moved:
        # One executemany; the SET clause is the parameters named after columns.
        await session.execute(update(CASES).where(CASES.c.id == bindparam("case_id")), moved)
    return clocks


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
    A batch costs the same few statements however many cases it holds (one reads their
    event logs, one rewrites the moved clocks, two record and publish the breaches).
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
    if not cases:
        return ScanBatch(locked=True, published=0, last_id=None)
    policies = await load_policies(session=session)
    clocks = await refresh_clocks(
        session=session, cases=cases, settings=settings, now=now, policies=policies
    )
    breached = [
        (case, clock, policy)
        for case, clock, policy in clocks
        if clock.state is SlaState.breached and clock.breach_at is not None
    ]
    published = await publish_breaches(session=session, breached=breached)
    last = cases[-1].id if len(cases) == batch else None
    return ScanBatch(locked=True, published=published, last_id=last)


async def publish_breaches(
    *, session: AsyncSession, breached: Sequence[tuple[Case, SlaClock, PolicyVersion]]
) -> int:
    """Records the breaches not recorded yet and publishes those, in two statements.

    A case stays breached until it closes, so most of these were recorded by an earlier
    scan: the key (case, policy) turns them away and only the new ones are published.
    """
    if not breached:
        return 0
    inserted = await session.execute(
        insert(SLA_BREACHES)
        .values(
            [
                {
                    "case_id": case.id,
                    "policy_id": uuid.UUID(policy.id),
                    "breached_at": clock.breach_at,
                    "detected_at": func.now(),
                }
                for case, clock, policy in breached
            ]
        )
        .on_conflict_do_nothing()
        .returning(SLA_BREACHES.c.case_id, SLA_BREACHES.c.policy_id)
    )
    new = {(case_id, str(policy_id)) for case_id, policy_id in inserted.all()}
    events = [
        Outgoing(
            CaseSlaBreached(
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
            ),
            subject=str(case.id),
        )
        for case, clock, policy in breached
        if (case.id, policy.id) in new and clock.breach_at is not None
    ]
    await publish_many(session, events)
    return len(events)
