"""A visit as the API shows it: its clock, the answer states of an objection (on its
office's own day), the steps it allows, and its visitor: in full, audited, for the desk
staff serving them; masked for every other reader (`visitors.rules`)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from fastapi.responses import JSONResponse
from sqlalchemy.ext.asyncio import AsyncSession

from apik_consultation.models import Visit
from apik_consultation.objections.rules import answer_state
from apik_consultation.visitors import service as visitors
from apik_consultation.visitors.rules import Shown
from apik_consultation.visitors.service import VisitorAccess
from apik_consultation.visits import rules, service
from apik_consultation.visits.rules import Step, VisitStatus
from apik_consultation.visits.schemas import VisitorPublic, VisitPublic
from apik_consultation.visits.service import days
from apik_shared.platform.auth import Principal
from apik_shared.platform.etag import set_etag


def public(
    visit: Visit,
    marks: list[tuple[Step, datetime]],
    *,
    today: date,
    now: datetime,
    visitor: Shown,
    reader: Principal,
    signed: bool = False,
) -> VisitPublic:
    """`today` is the date at `now` in the visit's office."""
    status = VisitStatus(visit.status)
    seconds, running = rules.clock(
        status=status, fixed_seconds=visit.duration_seconds, marks=marks, now=now
    )
    state = appeal_state = None
    if visit.answer_due is not None:
        state = answer_state(
            due_on=visit.answer_due, today=today, answered=visit.answered_at is not None
        )
    if visit.appeal_answer_due is not None:
        appeal_state = answer_state(
            due_on=visit.appeal_answer_due,
            today=today,
            answered=visit.appeal_answered_at is not None,
        )
    return VisitPublic(
        **visit.model_dump(exclude={"visitor", "institution", "status", "duration_seconds"}),
        institution=visitor.institution,
        visitor=VisitorPublic(name=visitor.name, phone=visitor.phone),
        visitor_disclosure=visitor.disclosure,
        answer_state=state,
        appeal_state=appeal_state,
        status=status,
        duration_seconds=seconds,
        clock_running=running,
        signed=signed,
        allowed_steps=[s.value for s in rules.allowed_steps(status, reader.roles)],
    )


async def listed(
    session: AsyncSession, rows: list[Visit], *, access: VisitorAccess, purpose: str
) -> list[VisitPublic]:
    """Visits of a list, each visitor as the caller may see them. The offices' calendars
    are read once for the page, not per visit."""
    now = datetime.now(UTC)
    marks = await service.clock_marks(session=session, visit_ids=[v.id for v in rows])
    today = await days.todays(session, {v.office for v in rows}, now)
    seen = await visitors.shown(session=session, access=access, visits=rows, purpose=purpose)
    return [
        public(
            v, marks[v.id], today=today[v.office], now=now, visitor=seen[v.id], reader=access.actor
        )
        for v in rows
    ]


async def detail(
    session: AsyncSession, visit: Visit, *, access: VisitorAccess, purpose: str
) -> VisitPublic:
    now = datetime.now(UTC)
    today = (await days.office_calendar(session, visit.office)).local_date(now)
    marks = await service.clock_marks(session=session, visit_ids=[visit.id])
    seen = await visitors.shown(session=session, access=access, visits=[visit], purpose=purpose)
    signed = await service.has_signature(session=session, visit_id=visit.id)
    return public(
        visit,
        marks[visit.id],
        today=today,
        now=now,
        visitor=seen[visit.id],
        reader=access.actor,
        signed=signed,
    )


def json_response(status: int, body: VisitPublic) -> JSONResponse:
    response = JSONResponse(body.model_dump(mode="json"), status_code=status)
    set_etag(response, body.version)
    return response


async def answer(
    session: AsyncSession, visit: Visit, *, access: VisitorAccess, purpose: str
) -> JSONResponse:
    """One visit's detail, with its ETag: the answer of a read and of every step (each an
    audited read of the visitor for the staff who serve them)."""
    return json_response(200, await detail(session, visit, access=access, purpose=purpose))
