"""The printed forms of a visit, as PDF bytes (built by `views`), each with the visit's
office as the office registry knows it (`issuer_of`): its zone, letterhead and head."""

from __future__ import annotations

import asyncio

from sqlalchemy.ext.asyncio import AsyncSession

from apik_consultation.forms import rules, views
from apik_consultation.models import Visit
from apik_consultation.refusals import VisitStepRefused
from apik_consultation.visitors import service as visitors
from apik_consultation.visitors.service import VisitorAccess
from apik_consultation.visits import service as visits
from apik_consultation.visits.rules import STATUSES, VisitStatus
from apik_shared.documents.issuer import issuer_of
from apik_shared.vocabulary.labels import named


async def check_in_slip(
    *, session: AsyncSession, visit: Visit, access: VisitorAccess, purpose: str
) -> bytes:
    visitor = await visitors.read_in_full(
        session=session, access=access, visit=visit, purpose=purpose
    )
    printed = await issuer_of(session, visit.office)
    # fpdf2 is pure Python and synchronous: build off the event loop.
    return await asyncio.to_thread(views.slip, visit, visitor, office=printed)


async def final_form(
    *, session: AsyncSession, visit: Visit, access: VisitorAccess, purpose: str
) -> bytes:
    if not rules.has_final_form(VisitStatus(visit.status)):
        raise VisitStepRefused(
            "The final form exists once the service has ended.",
            code="service_not_ended",
            params={"status": named(STATUSES, visit.status)},
            current_status=visit.status,
        )
    visitor = await visitors.read_in_full(
        session=session, access=access, visit=visit, purpose=purpose
    )
    stored = await visits.get_signature(session=session, visit_id=visit.id)
    drawn = views.Signature(stored.media_type, stored.content) if stored else None
    printed = await issuer_of(session, visit.office)
    return await asyncio.to_thread(
        views.final_form, visit, visitor, signature=drawn, office=printed
    )
