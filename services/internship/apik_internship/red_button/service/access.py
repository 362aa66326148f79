"""Who may see a case, and the audit of each read: shared by the cases, the messages and
the alerts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from apik_internship.models import RedButtonCase, RedButtonRead, RedButtonStaff
from apik_internship.red_button import rules
from apik_shared.platform.auth import Principal


def audit_read(actor: Principal, case: RedButtonCase, action: str, at: datetime) -> RedButtonRead:
    return RedButtonRead(
        office=case.office,
        case_id=case.id,
        actor=actor.subject,
        actor_username=actor.username,
        actor_roles=sorted(actor.roles),
        action=action,
        at=at,
    )


async def staff_entry(session: AsyncSession, actor: Principal) -> RedButtonStaff | None:
    """The officer's entry in the office's register (`red_button_staff`), if the head
    made one: without it, no case can be recognised as naming them."""
    return await session.get(RedButtonStaff, actor.username)


def hidden_from(case: RedButtonCase, staff: RedButtonStaff | None) -> bool:
    return staff is not None and rules.conflicted(
        person_hash=case.reported_person_hash,
        unit_hash=case.reported_unit_hash,
        staff_name_hash=staff.name_hash,
        staff_unit_hash=staff.unit_hash,
    )
