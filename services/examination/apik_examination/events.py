"""Examination's side of the event stream: its outbox and the handoff consumer."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from apik_shared.events.consumer import ConsumerSpec
from apik_shared.events.envelope import CloudEvent, subject_for
from apik_shared.events.outbox import Outbox
from apik_shared.events.payloads import ReportVerified

outbox = Outbox("examination")


async def on_report_verified(session: AsyncSession, event: CloudEvent) -> None:
    from apik_examination.service import open_case  # service imports this module's outbox

    await open_case(session=session, handoff=ReportVerified.model_validate(event.data))


HANDOFF = ConsumerSpec(
    durable="examination-handoff",
    subjects=[subject_for("intake", "report.verified")],
    handler=on_report_verified,
)
