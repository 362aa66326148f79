"""The printed forms of a visit, as PDF bytes (built by `views`), each with the visit's
office as the office registry knows it: its zone, letterhead and head."""

from __future__ import annotations

import asyncio

from sqlalchemy.ext.asyncio import AsyncSession

from apik_consultation.forms import rules, views
from apik_consultation.models import Visit
from apik_consultation.visitors import service as visitors
from apik_consultation.visitors.service import VisitorAccess
from apik_consultation.visits import service as visits
from apik_consultation.visits.rules import VisitStatus
from apik_shared.platform.offices import calendar_of, office
from apik_shared.platform.problems import TransitionNotAllowed


async def office_of(session: AsyncSession, code: str) -> views.Office:
    """The office to print: its letterhead (its name when it has none); one the registry
    has not heard of yet prints its code, without a letterhead, in WIB."""
    state = await office(session, code)
    timezone = calendar_of(state, code=code).timezone
    if state is None:
        return views.Office(code=code, name=code, timezone=timezone)
    return views.Office(
        code=code,
        name=state.name,
        timezone=timezone,
        letterhead=tuple(state.letterhead) or (state.name,),
        head_name=state.head_name,
        head_title=state.head_title,
    )


async def check_in_slip(
    *, session: AsyncSession, visit: Visit, access: VisitorAccess, purpose: str
) -> bytes:
    visitor = await visitors.read_in_full(
        session=session, access=access, visit=visit, purpose=purpose
    )
    printed = await office_of(session, visit.office)
    # fpdf2 is pure Python and synchronous: build off the event loop.
    return await asyncio.to_thread(views.slip, visit, visitor, office=printed)


async def final_form(
    *, session: AsyncSession, visit: Visit, access: VisitorAccess, purpose: str
) -> bytes:
    if not rules.has_final_form(VisitStatus(visit.status)):
        raise TransitionNotAllowed(
            "The final form exists once the service has ended.", current_status=visit.status
        )
    visitor = await visitors.read_in_full(
        session=session, access=access, visit=visit, purpose=purpose
    )
    stored = await visits.get_signature(session=session, visit_id=visit.id)
    drawn = views.Signature(stored.media_type, stored.content) if stored else None
    printed = await office_of(session, visit.office)
    return await asyncio.to_thread(
        views.final_form, visit, visitor, signature=drawn, office=printed
    )
