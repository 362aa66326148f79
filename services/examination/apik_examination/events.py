"""Examination's side of the event stream: its outbox and the handoff consumer."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from apik_examination.settings import Settings
from apik_shared.events.consumer import ConsumerSpec
from apik_shared.events.envelope import CloudEvent, subject_for
from apik_shared.events.outbox import Outbox
from apik_shared.events.payloads import ReportVerified

outbox = Outbox("examination")


def handoff_consumer(settings: Settings) -> ConsumerSpec:
    """Opens a case per `report.verified`; the settings give the offices' calendars."""

    async def on_report_verified(session: AsyncSession, event: CloudEvent) -> None:
        from apik_examination.service import open_case  # service imports this module's outbox

        handoff = ReportVerified.model_validate(event.data)
        await open_case(session=session, handoff=handoff, settings=settings)

    return ConsumerSpec(
        durable="examination-handoff",
        subjects=[subject_for("intake", "report.verified")],
        handler=on_report_verified,
    )
