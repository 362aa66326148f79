"""The breach scan: refresh the live clocks in batches, publish each new breach once.

It adds and flushes; the scan's loop (`jobs.py`) commits each batch.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy import func, or_, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_examination.cases.rules import TERMINAL_STATUSES
from apik_examination.models import Case, SlaBreach
from apik_examination.sla.rules import PolicyVersion, SlaClock, SlaState, breach_due
from apik_examination.sla.service.clocks import load_policies, refresh_clocks
from apik_shared.platform.events.outbox import Outgoing
from apik_shared.platform.events.payloads import CaseSlaBreached
from apik_shared.platform.events.publish import publish_many

SLA_BREACHES: sa.Table = SlaBreach.__table__  # type: ignore[attr-defined]

# One replica scans at a time; the others skip their turn (transaction-scoped lock).
SCAN_LOCK_KEY = 0x4150494B5341  # "APIKSA"


@dataclass(frozen=True)
class ScanBatch:
    locked: bool  # False: another replica is scanning; this one skips its turn
    published: int
    last_id: uuid.UUID | None  # where the next batch starts; None when done


async def scan_breaches(
    *,
    session: AsyncSession,
    now: datetime,
    after: uuid.UUID | None = None,
    batch: int = 200,
    settle: timedelta = timedelta(0),
) -> ScanBatch:
    """Refreshes one batch of live clocks and publishes each new breach once.

    Safe with several replicas: the advisory lock keeps a second scan from doing the
    same work at the same time, and the `sla_breach` key (case, policy) makes the
    publication idempotent even without it. Rows a request is changing right now are
    skipped (`SKIP LOCKED`): that request recomputes their clock itself. Batches (each
    its own transaction) keep the row locks short, so requests never wait for a scan.
    A batch costs the same few statements however many cases it holds (one reads their
    offices' calendars, one their event logs, one rewrites the moved clocks, two record
    and publish the breaches).

    A breach a case's past already held when that past was entered waits `settle` after
    the entry (`sla.rules.breach_due`): the scan leaves it for a later turn.
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
    clocks = await refresh_clocks(session=session, cases=cases, now=now, policies=policies)
    breached = [
        (case, clock, policy)
        for case, clock, policy in clocks
        if clock.state is SlaState.breached
        and clock.breach_at is not None
        and breach_due(
            breach_at=clock.breach_at,
            history_recorded_at=case.history_recorded_at,
            now=now,
            settle=settle,
        )
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
