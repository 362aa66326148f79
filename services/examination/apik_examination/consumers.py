"""Examination's consumers: the handoff from intake (`report.verified` opens a case),
the reporter's survey links intake mints (`report.survey_link_issued`), and a portal's
updates of a report in examination (`portal.status_changed`: a note, never a move)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from apik_examination.cases.service import Handoff, open_case, open_cases
from apik_examination.portal.service import note_portal_update
from apik_examination.settings import Settings
from apik_examination.survey.service import link_survey
from apik_shared.platform.events.consumer import ConsumerSpec
from apik_shared.platform.events.envelope import CloudEvent
from apik_shared.platform.events.handlers import On, consumer
from apik_shared.platform.events.payloads import ReportVerified
from apik_shared.platform.events.payloads.intake import SurveyLinkIssued
from apik_shared.platform.events.payloads.integration import PortalStatusChanged
from apik_shared.platform.tracing import child_traceparent
from apik_shared.vocabulary.calendar import national_collective_leave, national_holidays


def consumers(settings: Settings) -> list[ConsumerSpec]:
    return [handoff_consumer(), survey_link_consumer(), portal_update_consumer()]


def portal_update_consumer() -> ConsumerSpec:
    """A portal's update of a report in examination: a note on the case's timeline, never
    a move of the case (`portal/service.py`)."""

    async def on_portal_update(
        session: AsyncSession, changed: PortalStatusChanged, envelope: CloudEvent
    ) -> None:
        await note_portal_update(session=session, changed=changed)

    return consumer("examination-portal-updates", On(PortalStatusChanged, on_portal_update))


def survey_link_consumer() -> ConsumerSpec:
    """The reporter's survey link as intake minted it: its hash opens the survey."""

    async def on_survey_link(
        session: AsyncSession, link: SurveyLinkIssued, envelope: CloudEvent
    ) -> None:
        await link_survey(session=session, link=link)

    return consumer("examination-survey-links", On(SurveyLinkIssued, on_survey_link))


def handoff_consumer() -> ConsumerSpec:
    """Opens a case per `report.verified`, its clock on its office's calendar from the
    office registry (looked up once per batch)."""
    # The first SLA clock loads the holiday tables (the `holidays` package imports its
    # country modules, up to a second of CPU): load them now, not in the first handoff.
    this_year = datetime.now(UTC).year
    for year in (this_year, this_year + 1):
        national_holidays(year)
        national_collective_leave(year)

    async def on_report_verified(
        session: AsyncSession, report: ReportVerified, envelope: CloudEvent
    ) -> None:
        await open_case(session=session, handoff=report)

    async def on_reports_verified(
        session: AsyncSession, reports: Sequence[tuple[ReportVerified, CloudEvent]]
    ) -> None:
        # Each case.opened continues its own handoff's trace, not the batch's first.
        handoffs = [
            Handoff(report, child_traceparent(envelope.traceparent)) for report, envelope in reports
        ]
        await open_cases(session=session, handoffs=handoffs)

    return consumer(
        "examination-handoff",
        On(ReportVerified, on_report_verified, on_reports_verified),
        # After an outage thousands wait: a bigger batch means fewer statements per case.
        batch=256,
        parallel_batches=2,
    )
