"""Finding the agency contacts that are one person, for the data protection officer.

Contacts are few per office and stored in clear, so the office's contacts are compared
in memory with the same rules as the desk's visitors (`rules.matches`).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import func
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_examination.models import Activity, AgencyContact
from apik_examination.privacy import rules
from apik_examination.privacy.schemas import ContactHeld, SubjectAccessAnswer, WithheldOut
from apik_shared.platform.auth import Principal
from apik_shared.platform.processing import OTHER_PERSON, SubjectAccessRequest


async def subject_access(
    *, session: AsyncSession, actor: Principal, request: SubjectAccessRequest
) -> SubjectAccessAnswer:
    office = actor.office_scope()
    searched_by = [f for f in ("phone", "email", "name") if getattr(request, f)]
    query = select(AgencyContact).order_by(col(AgencyContact.created_at), col(AgencyContact.id))
    if office is not None:
        query = query.where(AgencyContact.office == office)
    found = []
    for contact in (await session.execute(query)).scalars():
        matched, differs = rules.matches(
            name=contact.name,
            phone=contact.phone,
            email=contact.email,
            given_name=request.name,
            given_phone=request.phone,
            given_email=request.email,
        )
        if matched:
            found.append((contact, matched, differs))
    counts = await _activities(session, [contact.id for contact, _, _ in found])
    held: list[ContactHeld] = []
    withheld: list[WithheldOut] = []
    for contact, matched, differs in found:
        activities = counts.get(contact.id, 0)
        held.append(
            ContactHeld.model_validate(
                {
                    **contact.model_dump(),
                    "contact_id": contact.id,
                    "matched_on": matched,
                    "differs_on": differs,
                    "activities": activities,
                }
            )
        )
        withheld.append(
            WithheldOut.of(
                "created_by: who recorded the contact", OTHER_PERSON, contact_id=contact.id
            )
        )
        if activities:
            withheld.append(
                WithheldOut.of("activities: what was done", rules.CASE_WORK, contact_id=contact.id)
            )
    return SubjectAccessAnswer(
        reference=request.reference,
        generated_at=datetime.now(UTC),
        offices="own" if office is not None else "all",
        searched_by=searched_by,
        not_searched={k: v for k, v in rules.NOT_SEARCHED.items() if k != "nik" or request.nik},
        agency_contacts=held,
        withheld=withheld,
    )


async def _activities(session: AsyncSession, contact_ids: list[uuid.UUID]) -> dict[uuid.UUID, int]:
    """How many activities reached each of the contacts, in one query."""
    if not contact_ids:
        return {}
    rows = await session.execute(
        select(Activity.contact_id, func.count())
        .where(col(Activity.contact_id).in_(contact_ids))
        .group_by(col(Activity.contact_id))
    )
    return {contact_id: count for contact_id, count in rows.all() if contact_id is not None}
