"""Sahabat Ombudsman members as intake knows them: a copy of prevention's ids and
statuses (`community_member.status_changed`), against which a report brought on the
`community` channel is checked."""

from __future__ import annotations

import uuid

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from apik_intake.models import CommunityMemberCopy
from apik_shared.platform.events.envelope import CloudEvent
from apik_shared.platform.events.payloads.prevention import CommunityMemberStatusChanged

ACTIVE = "active"


async def record_member_status(
    session: AsyncSession, event: CommunityMemberStatusChanged, envelope: CloudEvent
) -> None:
    """The member's latest status: an older event arriving late changes nothing, the
    same one twice neither."""
    statement = insert(CommunityMemberCopy).values(
        id=uuid.UUID(event.member_id),
        office=event.office,
        status=event.status,
        changed_at=event.changed_at,
    )
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=["id"],
            set_={"status": statement.excluded.status, "changed_at": statement.excluded.changed_at},
            where=col(CommunityMemberCopy.changed_at) < statement.excluded.changed_at,
        )
    )


async def active_member_problem(
    session: AsyncSession, member_id: uuid.UUID, office: str
) -> str | None:
    """Why the report cannot name this member (None when it can)."""
    member = await session.get(CommunityMemberCopy, member_id)
    if member is None or member.office != office:
        return "No Sahabat Ombudsman member of this office has that id."
    if member.status != ACTIVE:
        return f"The member is {member.status}: only an active (inducted) member brings reports."
    return None
