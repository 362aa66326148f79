"""A portal's status updates of a report already in examination (issue 20, phase 3).

APIK is the system of record for examination: a portal may not open, move, pause or
close a case. Its update (`portal.status_changed`, once per update id at integration)
of a report whose case exists is kept as a note on the case's timeline
(`case_event` of type `portal_update`, no status: the SLA clock never sees it), where the
examiner reads what the complainant or the agency said at the portal. A report with no
case yet is intake's business (its own note or its one allowed step). The note is
dated by the portal's clock (never later than now) and, like an activity, may fall
between the office's steps: it is no step, so it never holds back a step dated
earlier (`cases.rules.UNORDERED_EVENTS`).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_examination.models import Case, CaseEvent
from apik_shared.platform.events.payloads.integration import PortalStatusChanged

NOTE = "portal_update"


async def _case_of(session: AsyncSession, changed: PortalStatusChanged) -> Case | None:
    query = select(Case)
    if changed.report_id:
        try:
            query = query.where(col(Case.report_id) == uuid.UUID(changed.report_id))
        except ValueError:
            return None
    else:
        query = query.where(
            col(Case.registration_number) == changed.registration_number,
            col(Case.office) == changed.office,
        )
    return (await session.execute(query)).scalars().first()


async def note_portal_update(*, session: AsyncSession, changed: PortalStatusChanged) -> bool:
    """The update as a note on its case's timeline; False when no case holds the report
    or the update is noted already."""
    case = await _case_of(session, changed)
    if case is None:
        return False
    noted = await session.execute(
        select(col(CaseEvent.id)).where(
            col(CaseEvent.case_id) == case.id,
            col(CaseEvent.type) == NOTE,
            CaseEvent.data["update_id"].astext == changed.update_id,
        )
    )
    if noted.first() is not None:
        return False
    session.add(
        CaseEvent(
            case_id=case.id,
            type=NOTE,
            status=None,
            actor=f"portal:{changed.portal}",
            data={
                "portal": changed.portal,
                "external_id": changed.external_id,
                "update_id": changed.update_id,
                "portal_status": changed.portal_status,
                "effect": changed.effect,
                # What the office's status map would make of it: never applied here.
                "requested_step": changed.apik_step,
                "case_status": case.status,
            },
            at=min(changed.at, datetime.now(UTC)),
        )
    )
    await session.flush()
    return True
