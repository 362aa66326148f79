"""Activity use cases: the work on a case, the agencies' contacts, the case's timeline.

They add and flush; the request commits.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_examination.activities.rules import ActivityKind, activity_problems
from apik_examination.cases.rules import CaseStatus, can_move, day_moment
from apik_examination.cases.service import change_status
from apik_examination.models import Activity, AgencyContact, Case, CaseEvent
from apik_examination.refusals import CaseStepRefused
from apik_examination.sla.service import last_step_at, record_event
from apik_shared.platform.auth import Principal
from apik_shared.platform.offices import office_calendar
from apik_shared.platform.problems import InvalidInput, NotFound
from apik_shared.vocabulary.field_errors import invalid
from apik_shared.vocabulary.labels import CASE_STATUSES, named


async def add_contact(
    *,
    session: AsyncSession,
    office: str,
    agency: str,
    name: str,
    position: str,
    phone: str,
    email: str,
    actor: str,
) -> AgencyContact:
    contact = AgencyContact(
        office=office,
        agency=agency.strip(),
        name=name.strip(),
        position=position,
        phone=phone,
        email=email,
        created_by=actor,
    )
    session.add(contact)
    await session.flush()
    return contact


async def list_contacts(
    *, session: AsyncSession, office: str, agency: str | None
) -> list[AgencyContact]:
    query = select(AgencyContact).where(AgencyContact.office == office)
    if agency:
        query = query.where(col(AgencyContact.agency).ilike(f"%{agency.strip()}%"))
    rows = await session.execute(query.order_by(col(AgencyContact.agency), col(AgencyContact.name)))
    return list(rows.scalars())


async def record_activity(
    *,
    session: AsyncSession,
    case: Case,
    kind: ActivityKind,
    held_on: date,
    summary: str,
    response_due: date | None,
    contact_id: uuid.UUID | None,
    documents: Sequence[dict[str, str]],
    await_response: bool,
    actor: Principal,
) -> Activity:
    # Letters to the agency go on after the final report: following up the corrective
    # actions and the recommendation is what resolution and monitoring is. Only a
    # closed case takes no more.
    if case.status == CaseStatus.closed.value:
        raise CaseStepRefused.in_status(
            f"A {case.status} case takes no more activities.", named(CASE_STATUSES, case.status)
        )
    calendar = await office_calendar(session, case.office)
    now = datetime.now(UTC)
    today = calendar.local_date(now)
    problems = activity_problems(
        kind=kind,
        held_on=held_on,
        response_due=response_due,
        await_response=await_response,
        opened_on=calendar.local_date(case.opened_at),
        today=today,
    )
    if contact_id is not None:
        contact = await session.get(AgencyContact, contact_id)
        if contact is None or contact.office != case.office:
            problems.append(("contact_id", invalid("not_found", "No such contact at this office.")))
    if await_response and not can_move(CaseStatus(case.status), CaseStatus.waiting_agency):
        said = 'The case is "{status}" already, so it cannot wait for the agency.'
        status = named(CASE_STATUSES, case.status)
        problems.append(("await_response", invalid("cannot_await_agency", said, status=status)))
    if problems:
        raise InvalidInput.each([(f"#/body/{field}", why) for field, why in problems])
    at = day_moment(
        day=held_on, today=today, now=now, not_before=case.opened_at, zone=calendar.zone
    )
    activity = Activity(
        case_id=case.id,
        kind=kind.value,
        held_on=held_on,
        summary=summary,
        response_due=response_due,
        contact_id=contact_id,
        documents=list(documents),
        recorded_by=actor.subject,
    )
    session.add(activity)
    await session.flush()
    case.version += 1
    session.add(case)
    await record_event(
        session=session,
        case=case,
        type="activity",
        actor=actor.subject,
        data={
            "activity_id": str(activity.id),
            "kind": kind.value,
            "held_on": held_on.isoformat(),
            "response_due": response_due.isoformat() if response_due else None,
        },
        at=at,
    )
    if await_response:
        # The wait starts with the letter: a past letter (an office's history) pauses
        # the clock from its day, or from the case's previous step that same day; a
        # letter dated before that step's day is refused (`held_on`).
        wait_at = None
        if held_on < today:
            previous = await last_step_at(session=session, case=case)
            same_day = calendar.local_date(previous) <= held_on
            wait_at = max(at, previous) if same_day else at
        await change_status(
            session=session,
            case=case,
            status=CaseStatus.waiting_agency,
            note=f"Clarification letter of {held_on.isoformat()} awaits the agency.",
            actor=actor,
            at=wait_at,
            field="held_on",
        )
    return activity


async def list_activities(
    *, session: AsyncSession, case_id: uuid.UUID, kind: ActivityKind | None = None
) -> list[Activity]:
    query = select(Activity).where(Activity.case_id == case_id)
    if kind is not None:
        query = query.where(Activity.kind == kind.value)
    rows = await session.execute(query.order_by(col(Activity.held_on), col(Activity.recorded_at)))
    return list(rows.scalars())


async def get_activity(
    *, session: AsyncSession, case_id: uuid.UUID, activity_id: uuid.UUID
) -> Activity:
    activity = await session.get(Activity, activity_id)
    if activity is None or activity.case_id != case_id:
        raise NotFound(f"No activity {activity_id} on this case.")
    return activity


async def timeline(*, session: AsyncSession, case_id: uuid.UUID) -> list[CaseEvent]:
    rows = await session.execute(
        select(CaseEvent)
        .where(CaseEvent.case_id == case_id)
        .order_by(col(CaseEvent.at), col(CaseEvent.id))
    )
    return list(rows.scalars())
