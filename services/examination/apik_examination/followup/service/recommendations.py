"""The recommendation after an LHP and its follow-up. Adds and flushes; the request
commits."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_examination.cases.rules import OPEN_TO_RECOMMENDATION, CaseStatus, day_moment
from apik_examination.closure.rules import Finding
from apik_examination.followup.rules import (
    Implementation,
    recommendation_due,
    recommendation_overdue,
    report_late,
)
from apik_examination.followup.service.steps import conclusion_of
from apik_examination.models import Case, Recommendation, RecommendationReport
from apik_examination.refusals import CaseStepRefused
from apik_examination.settings import Settings
from apik_examination.sla.service import record_event, step_moment
from apik_shared.platform.auth import Principal
from apik_shared.platform.events.payloads.examination import (
    RecommendationIssued,
    RecommendationReported,
)
from apik_shared.platform.events.publish import publish
from apik_shared.platform.offices import office_calendar, office_calendars
from apik_shared.platform.problems import InvalidInput, NotFound
from apik_shared.vocabulary.calendar import OfficeCalendar, latest_date_in_indonesia
from apik_shared.vocabulary.labels import CASE_STATUSES, named


@dataclass(frozen=True)
class RecommendationState:
    recommendation: Recommendation
    reports: Sequence[RecommendationReport]
    overdue: bool


def _check_received(received_on: date, issued_on: date, calendar: OfficeCalendar) -> None:
    pointer = "#/body/received_on"
    if received_on < issued_on:
        issued = issued_on.isoformat()
        said = "The recommendation was issued after this day."
        raise InvalidInput.field(pointer, said, code="before_previous_step", previous=issued)
    if received_on > calendar.local_date(datetime.now(UTC)):
        raise InvalidInput.field(pointer, "This date is in the future.", code="in_the_future")


async def _issued_event(session: AsyncSession, case: Case, rec: Recommendation) -> None:
    await publish(
        session,
        RecommendationIssued(
            case_id=str(case.id),
            registration_number=case.registration_number,
            office=case.office,
            issued_at=rec.issued_at,
            received_on=rec.received_on,
            report_due_on=rec.report_due_on,
        ),
        subject=str(case.id),
    )


async def issue_recommendation(
    *,
    session: AsyncSession,
    case: Case,
    text: str,
    issued_at: datetime | None,
    received_on: date | None,
    actor: Principal,
    settings: Settings,
) -> Recommendation:
    """Issues the case's recommendation; with `received_on`, its deadline starts."""
    conclusion = await conclusion_of(session=session, case=case)
    if conclusion.finding != Finding.maladministration_found.value:
        raise CaseStepRefused(
            "A recommendation follows an LHP that found maladministration.",
            code="no_maladministration_found",
        )
    if CaseStatus(case.status) not in OPEN_TO_RECOMMENDATION:
        raise CaseStepRefused.in_status(
            f"A {case.status} case takes no recommendation.", named(CASE_STATUSES, case.status)
        )
    if await session.get(Recommendation, case.id) is not None:
        raise CaseStepRefused(
            "The case has its recommendation already.", code="recommendation_issued"
        )
    now = datetime.now(UTC)
    at = await step_moment(session=session, case=case, given=issued_at, now=now, field="issued_at")
    calendar = await office_calendar(session, case.office)
    if received_on is not None:
        _check_received(received_on, calendar.local_date(at), calendar)
    rec = Recommendation(
        case_id=case.id,
        text=text,
        issued_at=at,
        received_on=received_on,
        report_due_on=(
            recommendation_due(received_on=received_on, days=settings.recommendation_report_days)
            if received_on is not None
            else None
        ),
        issued_by=actor.subject,
        recorded_at=now,
    )
    session.add(rec)
    case.version += 1
    session.add(case)
    await record_event(
        session=session,
        case=case,
        type="recommendation_issued",
        actor=actor.subject,
        data={"issued_at": at.isoformat(), "received_on": _iso(received_on)},
        at=at,
    )
    await _issued_event(session, case, rec)
    return rec


async def record_receipt(
    *,
    session: AsyncSession,
    case: Case,
    received_on: date,
    actor: Principal,
    settings: Settings,
) -> Recommendation:
    """The day the agency received the recommendation: its report's deadline starts."""
    rec = await _recommendation(session, case, for_update=True)
    if rec.received_on is not None:
        raise CaseStepRefused("The agency's receipt is recorded already.", code="receipt_recorded")
    calendar = await office_calendar(session, case.office)
    _check_received(received_on, calendar.local_date(rec.issued_at), calendar)
    now = datetime.now(UTC)
    rec.received_on = received_on
    rec.report_due_on = recommendation_due(
        received_on=received_on, days=settings.recommendation_report_days
    )
    session.add(rec)
    case.version += 1
    session.add(case)
    await record_event(
        session=session,
        case=case,
        type="recommendation_received",
        actor=actor.subject,
        data={"received_on": received_on.isoformat()},
        # On its day (an office's history too), after the issue: a report of the
        # agency's, dated after the receipt, is checked against it.
        at=day_moment(
            day=received_on,
            today=calendar.local_date(now),
            now=now,
            not_before=rec.issued_at,
            zone=calendar.zone,
        ),
    )
    await _issued_event(session, case, rec)
    return rec


async def record_report(
    *,
    session: AsyncSession,
    case: Case,
    implementation: Implementation,
    text: str,
    reported_at: datetime | None,
    actor: Principal,
) -> RecommendationReport:
    """A report on the implementation; one after the deadline is recorded as late."""
    rec = await _recommendation(session, case)
    now = datetime.now(UTC)
    # Not in the future, not before the case's previous step (the issue at least).
    at = await step_moment(
        session=session, case=case, given=reported_at, now=now, field="reported_at"
    )
    calendar = await office_calendar(session, case.office)
    late = report_late(received_on=calendar.local_date(at), due_on=rec.report_due_on)
    report = RecommendationReport(
        case_id=case.id,
        implementation=implementation.value,
        text=text,
        reported_at=at,
        late=late,
        recorded_by=actor.subject,
        recorded_at=now,
    )
    session.add(report)
    case.version += 1
    session.add(case)
    await record_event(
        session=session,
        case=case,
        type="recommendation_reported",
        actor=actor.subject,
        data={"implementation": implementation.value, "late": late},
        at=at,
    )
    await publish(
        session,
        RecommendationReported(
            case_id=str(case.id),
            registration_number=case.registration_number,
            office=case.office,
            implementation=implementation.value,
            late=late,
            reported_at=at,
        ),
        subject=str(case.id),
    )
    return report


async def recommendation_state(*, session: AsyncSession, case: Case) -> RecommendationState:
    rec = await _recommendation(session, case)
    rows = await session.execute(
        select(RecommendationReport)
        .where(RecommendationReport.case_id == case.id)
        .order_by(col(RecommendationReport.reported_at), col(RecommendationReport.id))
    )
    reports = list(rows.scalars())
    calendar = await office_calendar(session, case.office)
    overdue = recommendation_overdue(
        due_on=rec.report_due_on,
        reported=bool(reports),
        today=calendar.local_date(datetime.now(UTC)),
    )
    return RecommendationState(recommendation=rec, reports=reports, overdue=overdue)


async def overdue_recommendations(
    *, session: AsyncSession, actor: Principal, now: datetime | None = None
) -> list[tuple[Case, Recommendation]]:
    """The recommendations of the caller's office (every office for a national role)
    past their deadline without an implementation report, oldest deadline first."""
    at = now or datetime.now(UTC)
    reported = select(RecommendationReport.case_id).where(
        RecommendationReport.case_id == Recommendation.case_id
    )
    query = (
        select(Case, Recommendation)
        .join(Recommendation, col(Recommendation.case_id) == col(Case.id))
        .where(
            col(Recommendation.report_due_on) < latest_date_in_indonesia(at),
            ~reported.exists(),
        )
        .order_by(col(Recommendation.report_due_on), col(Case.id))
    )
    if (office := actor.office_scope()) is not None:
        query = query.where(Case.office == office)
    rows = [(case, rec) for case, rec in await session.execute(query)]
    calendars = await office_calendars(session, [case.office for case, _ in rows])
    return [
        (case, rec)
        for case, rec in rows
        if recommendation_overdue(
            due_on=rec.report_due_on,
            reported=False,
            today=calendars[case.office].local_date(at),
        )
    ]


async def _recommendation(
    session: AsyncSession, case: Case, *, for_update: bool = False
) -> Recommendation:
    rec = await session.get(Recommendation, case.id, with_for_update=for_update)
    if rec is None:
        raise NotFound("The case has no recommendation.")
    return rec


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None
