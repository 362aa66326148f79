"""Escalation on the clock: a raised case nobody acknowledged goes further, level by
level (`rules.escalation_level_due`), each step timed and published without content.

Safe side by side on replicas: the cases are claimed with `FOR UPDATE SKIP LOCKED`, and
a case's level only rises, so a second run finds nothing left to do for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_internship.models import RedButtonCase, RedButtonStep
from apik_internship.red_button import rules
from apik_internship.red_button.rules import CaseStatus
from apik_internship.red_button.service.alerts import alert_level
from apik_shared.platform.events.payloads.internship import RedButtonEscalated
from apik_shared.platform.events.publish import publish


async def escalate_due(
    *, session: AsyncSession, now: datetime, minutes: Sequence[int], batch: int = 100
) -> int:
    """Raises every due case to the level it has reached by `now`, one event per level
    passed (a job that was down still alerts the head, not only the next officer).
    Returns the number of cases escalated in this batch."""
    first = timedelta(minutes=minutes[0])
    query = (
        select(RedButtonCase)
        .where(
            RedButtonCase.status == CaseStatus.raised.value,
            col(RedButtonCase.raised_at) <= now - first,
            col(RedButtonCase.escalation_level) < len(minutes),
        )
        .order_by(col(RedButtonCase.raised_at))
        .limit(batch)
        .with_for_update(skip_locked=True)
    )
    escalated = 0
    for case in (await session.execute(query)).scalars():
        due = rules.escalation_level_due(case.raised_at, now, minutes)
        if due <= case.escalation_level:
            continue
        for level in range(case.escalation_level + 1, due + 1):
            session.add(RedButtonStep(case_id=case.id, step="escalated", level=level, at=now))
            await alert_level(session, case, level, now)
            await publish(
                session,
                RedButtonEscalated(
                    office=case.office,
                    raised_at=case.raised_at,
                    severity=case.severity,
                    level=level,
                    to_role=rules.escalation_role(level),
                    escalated_at=now,
                ),
                subject=str(case.id),
            )
        case.escalation_level, case.escalated_at = due, now
        session.add(case)
        escalated += 1
    await session.flush()
    return escalated
