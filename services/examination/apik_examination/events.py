"""Examination's side of the event stream: its outbox and the handoff consumer."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from apik_examination.settings import Settings
from apik_shared.calendar import national_collective_leave, national_holidays
from apik_shared.events.consumer import ConsumerSpec
from apik_shared.events.envelope import CloudEvent, subject_for
from apik_shared.events.outbox import Outbox
from apik_shared.events.payloads import ReportVerified
from apik_shared.tracing import child_traceparent

outbox = Outbox("examination")


def handoff_consumer(settings: Settings) -> ConsumerSpec:
    """Opens a case per `report.verified`; the settings give the offices' calendars."""
    # The first SLA clock loads the holiday tables (the `holidays` package imports its
    # country modules, up to a second of CPU): load them now, not in the first handoff.
    this_year = datetime.now(UTC).year
    for year in (this_year, this_year + 1):
        national_holidays(year)
        national_collective_leave(year)

    # The service module imports this module's outbox, hence the late imports.

    async def on_report_verified(session: AsyncSession, event: CloudEvent) -> None:
        from apik_examination.service import open_case

        handoff = ReportVerified.model_validate(event.data)
        await open_case(session=session, handoff=handoff, settings=settings)

    async def on_reports_verified(session: AsyncSession, events: Sequence[CloudEvent]) -> None:
        from apik_examination.service import Handoff, open_cases

        handoffs = [
            Handoff(ReportVerified.model_validate(e.data), child_traceparent(e.traceparent))
            for e in events
        ]
        await open_cases(session=session, handoffs=handoffs, settings=settings)

    return ConsumerSpec(
        durable="examination-handoff",
        subjects=[subject_for("intake", "report.verified")],
        handler=on_report_verified,
        batch_handler=on_reports_verified,
        # After an outage thousands wait: a bigger batch means fewer statements per case.
        batch=256,
        parallel_batches=2,
    )
