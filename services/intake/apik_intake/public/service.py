"""The reporter's tracking page: the PIN issued and checked, the view, the case outcome.

Wrong PINs and unknown numbers are counted per client in the database, shared by every
replica; too many within the window lock that client out (`rules.after_failure`), and
no one else: a stranger's guesses never lock a reporter out of their own page.
"""

from __future__ import annotations

import hmac
import logging
import uuid
from datetime import datetime

from sqlalchemy import update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_intake.models import Report, ReportStep, TrackingAttempt
from apik_intake.notifications.rules import NotificationKind
from apik_intake.notifications.service.queue import queue_following
from apik_intake.public.rules import (
    STAFF_ONLY_STEPS,
    Counter,
    Lockout,
    Verdict,
    after_failure,
    client_key,
    new_pin,
    new_survey_token,
    pin_hash,
    survey_token_hash,
    survey_url,
)
from apik_intake.public.schemas import CaseOutcome, TrackingStep, TrackingView
from apik_shared.platform.events.envelope import CloudEvent
from apik_shared.platform.events.payloads.examination import CaseClosed
from apik_shared.platform.events.payloads.intake import SurveyLinkIssued
from apik_shared.platform.events.publish import publish

log = logging.getLogger("apik.intake.tracking")


async def issue_pin(*, session: AsyncSession, key: bytes, report: Report) -> str:
    """A new PIN for the report; the previous one stops working."""
    pin = new_pin()
    report.tracking_pin_hash = pin_hash(key, report.id, pin)
    await session.execute(
        update(Report)
        .where(col(Report.id) == report.id)
        .values(tracking_pin_hash=report.tracking_pin_hash)
    )
    return pin


async def check_pin(
    *,
    session: AsyncSession,
    key: bytes,
    registration_number: str,
    pin: str,
    client: str,
    policy: Lockout,
    now: datetime,
) -> tuple[Verdict, Report | None, datetime | None]:
    """(verdict, the report when the PIN is right, until when `client` is locked out)."""
    attempt = await counted_attempt(session=session, key=key, client=client, now=now)
    if attempt.locked_until is not None and attempt.locked_until > now:
        return Verdict.locked, None, attempt.locked_until
    report = await find_by_number(session=session, registration_number=registration_number)
    # An unknown number costs a guess like a wrong PIN (and about the same work), so
    # numbers cannot be probed for existence faster than PINs.
    report_id = report.id if report is not None else uuid.uuid4()
    given = pin_hash(key, report_id, pin)
    expected = report.tracking_pin_hash if report is not None else None
    if expected is not None and hmac.compare_digest(expected, given):
        # A right PIN does not wipe the client's wrong ones: whoever knows the PIN of a
        # report of their own would otherwise guess at others' without end.
        return Verdict.ok, report, None
    await count_failure(session=session, attempt=attempt, now=now, policy=policy)
    return Verdict.wrong, None, None


async def counted_attempt(
    *, session: AsyncSession, key: bytes, client: str, now: datetime
) -> TrackingAttempt:
    """The client's counter of wrong guesses, locked for this transaction. Shared by
    every secret a citizen types (tracking PINs, saved drafts' codes): guesses at one
    count against the other, so neither is a way around the other's limit."""
    counted_as = client_key(key, client)
    await session.execute(
        insert(TrackingAttempt.__table__)  # type: ignore[attr-defined]
        .values(client=counted_as, failures=0, window_started_at=now)
        .on_conflict_do_nothing()
    )
    # The row lock makes one client's concurrent guesses count one after the other.
    return (
        await session.execute(
            select(TrackingAttempt)
            .where(TrackingAttempt.client == counted_as)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
    ).scalar_one()


async def count_failure(
    *, session: AsyncSession, attempt: TrackingAttempt, now: datetime, policy: Lockout
) -> None:
    """One more wrong guess on the client's counter (`rules.after_failure`)."""
    counter = after_failure(
        Counter(attempt.failures, attempt.window_started_at, attempt.locked_until), now, policy
    )
    attempt.failures = counter.failures
    attempt.window_started_at = counter.window_started_at
    attempt.locked_until = counter.locked_until
    await session.flush()


async def find_by_number(*, session: AsyncSession, registration_number: str) -> Report | None:
    query = select(Report).where(Report.registration_number == registration_number)
    return (await session.execute(query)).scalar_one_or_none()


async def tracking_view(*, session: AsyncSession, report: Report) -> TrackingView:
    """Where the report stands as the reporter sees it: no staff business, nothing personal."""
    steps = await session.execute(
        select(ReportStep.step, ReportStep.to_status, ReportStep.at)
        .where(ReportStep.report_id == report.id)
        .order_by(col(ReportStep.id))
    )
    timeline = [
        TrackingStep(status=to_status, at=at)
        for step, to_status, at in steps
        if step not in STAFF_ONLY_STEPS
    ]
    outcome = None
    if report.case_outcome and report.case_closed_at:
        timeline.append(TrackingStep(status="case_closed", at=report.case_closed_at))
        outcome = CaseOutcome(
            outcome=report.case_outcome,
            route=report.case_route or "",
            closed_at=report.case_closed_at,
            survey_url=survey_url(report.survey_token),
        )
    return TrackingView(
        registration_number=report.registration_number,
        kind=report.kind,
        status="case_closed" if outcome else report.status,
        registered_at=report.created_at,
        updated_at=report.updated_at,
        timeline=timeline,
        outcome=outcome,
    )


async def record_case_outcome(
    session: AsyncSession, closed: CaseClosed, envelope: CloudEvent
) -> None:
    """`case.closed` from examination: the outcome goes on the reporter's tracking page,
    with a survey link minted here.

    The link's secret stays in intake, shown only behind the number and the PIN;
    examination learns its hash (`report.survey_link_issued`), so no event carries a
    secret that answers a survey. An old event that still carries examination's token
    keeps it: that link was already out.
    """
    token = closed.survey_token or new_survey_token()
    result = await session.execute(
        update(Report)
        .where(col(Report.id) == uuid.UUID(closed.report_id))
        .values(
            case_id=closed.case_id,
            case_outcome=closed.outcome,
            case_route=closed.route,
            case_closed_at=closed.closed_at,
            survey_token=token,
        )
    )
    if result.rowcount == 0:  # type: ignore[attr-defined]
        log.warning("case.closed for unknown report %s", closed.report_id)
        return
    # The reporter hears of the closure and gets the survey link, by their own channel;
    # a redelivered event queues neither twice (unique per report, kind and channel).
    report_id = uuid.UUID(closed.report_id)
    await queue_following(
        session=session,
        report_id=report_id,
        kind=NotificationKind.closure,
        values={"status": "closed", "outcome": closed.outcome},
    )
    await queue_following(
        session=session,
        report_id=report_id,
        kind=NotificationKind.survey,
        values={"survey_url": survey_url(token)},
    )
    if closed.survey_token is None:
        link = SurveyLinkIssued(
            report_id=closed.report_id,
            case_id=closed.case_id,
            office=closed.office,
            token_sha256=survey_token_hash(token),
        )
        await publish(session, link, subject=closed.report_id)
