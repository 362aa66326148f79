"""The reporter's response to the final report (LHP). Adds and flushes; the request
commits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_examination.followup.rules import Stance, response_late
from apik_examination.followup.service.steps import conclusion_of
from apik_examination.models import Case, ReporterResponse
from apik_examination.sla.service import record_event, step_moment
from apik_shared.platform.auth import Principal
from apik_shared.platform.offices import office_calendar


async def record_response(
    *,
    session: AsyncSession,
    case: Case,
    stance: Stance,
    text: str,
    responded_at: datetime | None,
    actor: Principal,
) -> ReporterResponse:
    """Records the reporter's response; one after the 14 days is recorded as late.

    Any case with an LHP takes one, closed or not: a letter that arrives is on the
    file, and an objection may reopen the question even after the closure.
    """
    conclusion = await conclusion_of(session=session, case=case)
    now = datetime.now(UTC)
    # Not in the future, not before the case's previous step (the LHP at least).
    at = await step_moment(
        session=session, case=case, given=responded_at, now=now, field="responded_at"
    )
    calendar = await office_calendar(session, case.office)
    until = conclusion.reporter_response_until
    late = response_late(received_on=calendar.local_date(at), until=until)
    response = ReporterResponse(
        case_id=case.id,
        stance=stance.value,
        text=text,
        responded_at=at,
        respond_until=until,
        late=late,
        recorded_by=actor.subject,
        recorded_at=now,
    )
    session.add(response)
    case.version += 1
    session.add(case)
    # The log keeps the stance and the lateness, not the reporter's words.
    await record_event(
        session=session,
        case=case,
        type="reporter_responded",
        actor=actor.subject,
        data={"stance": stance.value, "late": late, "responded_at": at.isoformat()},
        # At its moment, as every step: the next step of an office's history is checked
        # against it, not against the day it was typed in.
        at=at,
    )
    return response


async def list_responses(*, session: AsyncSession, case: Case) -> Sequence[ReporterResponse]:
    rows = await session.execute(
        select(ReporterResponse)
        .where(ReporterResponse.case_id == case.id)
        .order_by(col(ReporterResponse.responded_at), col(ReporterResponse.id))
    )
    return list(rows.scalars())
