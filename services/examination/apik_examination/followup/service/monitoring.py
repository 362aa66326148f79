"""The move to resolution and monitoring (resolusi dan monitoring), made by the job.

It adds and flushes; the job's loop (`jobs.py`) commits each batch.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import cast, func
from sqlalchemy.dialects.postgresql import JSONPATH
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_examination.cases.rules import CaseStatus
from apik_examination.closure.rules import in_monitoring
from apik_examination.models import Case, Conclusion
from apik_examination.sla.service import record_event
from apik_shared.platform.events.payloads import CaseMonitoringStarted
from apik_shared.platform.events.publish import publish
from apik_shared.platform.offices import office_calendars
from apik_shared.vocabulary.calendar import latest_date_in_indonesia

MONITORING_ACTOR = "system:monitoring"
# A corrective action still open: its `done_on` is null. In SQL, so that the cases whose
# actions are all done stay out of every batch instead of being read at every turn.
_OPEN_ACTION = "$[*] ? (@.done_on == null)"


@dataclass(frozen=True)
class MonitoringBatch:
    started: int  # cases moved to monitoring by this batch
    last_id: uuid.UUID | None  # where the next batch starts; None when done


async def start_monitoring(
    *, session: AsyncSession, now: datetime, after: uuid.UUID | None = None, batch: int = 200
) -> MonitoringBatch:
    """Moves the concluded cases whose corrective-action deadline has passed, in their
    office's calendar, with actions open, to `monitoring`, publishing
    `case.monitoring_started` with each move.

    Safe with several replicas: the case rows are locked (`FOR UPDATE SKIP LOCKED`) and
    the status is part of the condition, which PostgreSQL checks again on the locked
    row; a replica that comes second skips the rows the first holds, or finds them no
    longer concluded. Each case moves once and its event is published once, in the
    move's transaction (outbox). A request changing a case right now holds its lock:
    that case is caught at the next turn.
    """
    # The due date is an office's local date: anything past it anywhere in Indonesia is
    # a candidate, and each office's own today decides below.
    query = (
        select(Case, Conclusion)
        .join(Conclusion, col(Conclusion.case_id) == col(Case.id))
        .where(
            col(Case.status) == CaseStatus.concluded.value,
            col(Conclusion.corrective_due_on) < latest_date_in_indonesia(now),
            func.jsonb_path_exists(
                col(Conclusion.corrective_actions), cast(_OPEN_ACTION, JSONPATH)
            ),
        )
        .order_by(col(Case.id))
        .limit(batch)
        .with_for_update(of=Case, skip_locked=True)
    )
    if after is not None:
        query = query.where(col(Case.id) > after)
    rows = [(case, conclusion) for case, conclusion in await session.execute(query)]
    if not rows:
        return MonitoringBatch(started=0, last_id=None)
    calendars = await office_calendars(session, [case.office for case, _ in rows])
    started = 0
    for case, conclusion in rows:
        done = [a.get("done_on") is not None for a in conclusion.corrective_actions]
        today = calendars[case.office].local_date(now)
        if conclusion.corrective_due_on is None or not in_monitoring(
            due_on=conclusion.corrective_due_on, done=done, today=today
        ):
            continue
        case.status = CaseStatus.monitoring.value
        case.version += 1
        session.add(case)
        await record_event(
            session=session,
            case=case,
            type="monitoring_started",
            actor=MONITORING_ACTOR,
            status=CaseStatus.monitoring.value,
            data={
                "corrective_due_on": conclusion.corrective_due_on.isoformat(),
                "open": [i for i, d in enumerate(done) if not d],
            },
            at=now,
        )
        await publish(
            session,
            CaseMonitoringStarted(
                case_id=str(case.id),
                registration_number=case.registration_number,
                office=case.office,
                concluded_at=conclusion.concluded_at,
                corrective_due_on=conclusion.corrective_due_on,
                open_actions=done.count(False),
                started_at=now,
            ),
            subject=str(case.id),
        )
        started += 1
    last = rows[-1][0].id if len(rows) == batch else None
    return MonitoringBatch(started=started, last_id=last)
