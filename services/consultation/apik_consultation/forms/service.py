"""The printed forms of a visit, as PDF bytes (built by `views`)."""

from __future__ import annotations

import asyncio

from sqlalchemy.ext.asyncio import AsyncSession

from apik_consultation.forms import rules, views
from apik_consultation.models import Visit
from apik_consultation.visits import service as visits
from apik_consultation.visits.rules import VisitStatus
from apik_shared.crypto import FieldCipher
from apik_shared.problems import TransitionNotAllowed


async def check_in_slip(*, visit: Visit, cipher: FieldCipher, timezone: str) -> bytes:
    visitor = visits.unseal_visitor(cipher, visit)
    # fpdf2 is pure Python and synchronous: build off the event loop.
    return await asyncio.to_thread(views.slip, visit, visitor, timezone=timezone)


async def final_form(
    *, session: AsyncSession, visit: Visit, cipher: FieldCipher, timezone: str
) -> bytes:
    if not rules.has_final_form(VisitStatus(visit.status)):
        raise TransitionNotAllowed(
            "The final form exists once the service has ended.", current_status=visit.status
        )
    visitor = visits.unseal_visitor(cipher, visit)
    stored = await visits.get_signature(session=session, visit_id=visit.id)
    drawn = views.Signature(stored.media_type, stored.content) if stored else None
    return await asyncio.to_thread(
        views.final_form, visit, visitor, signature=drawn, timezone=timezone
    )
