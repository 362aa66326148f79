"""Intake's side of the event stream: its outbox, and what it consumes.

`case.closed` from examination puts the outcome on the reporter's tracking page.
"""

from __future__ import annotations

import logging
import uuid

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from apik_intake.models import Report
from apik_shared.events.consumer import ConsumerSpec
from apik_shared.events.envelope import CloudEvent
from apik_shared.events.outbox import Outbox
from apik_shared.events.payloads.examination import CaseClosed

outbox = Outbox("intake")
log = logging.getLogger("apik.intake.events")


async def on_case_closed(session: AsyncSession, event: CloudEvent) -> None:
    closed = CaseClosed.model_validate(event.data)
    result = await session.execute(
        update(Report)
        .where(col(Report.id) == uuid.UUID(closed.report_id))
        .values(
            case_id=closed.case_id,
            case_outcome=closed.outcome,
            case_route=closed.route,
            case_closed_at=closed.closed_at,
            survey_token=closed.survey_token,
        )
    )
    if result.rowcount == 0:  # type: ignore[attr-defined]
        log.warning("case.closed for unknown report %s", closed.report_id)


CONSUMERS = [
    ConsumerSpec(
        durable="intake-case-closed",
        subjects=["apik.examination.case.closed"],
        handler=on_case_closed,
    )
]
