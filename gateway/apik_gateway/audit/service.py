"""Role changes: recorded by users and clients as they happen, listed for the DPO.

Functions only add and flush; the request boundary commits, so a change of roles and
its audit row commit together or not at all.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from apik_gateway.audit.schemas import Status
from apik_gateway.models import RoleChange, utcnow
from apik_shared.platform.auth import Principal
from apik_shared.platform.pagination import newest_first_page
from apik_shared.platform.problems import NotFound


async def record(
    *,
    session: AsyncSession,
    actor: Principal,
    account_kind: str,
    account_id: str,
    account_name: str,
    office: str,
    before: Sequence[str],
    after: Sequence[str],
    status: Status = "applied",
) -> RoleChange:
    """A change applied by `actor` alone, or (`status="pending"`) proposed by them."""
    applied = status == "applied"
    change = RoleChange(
        account_kind=account_kind,
        account_id=account_id,
        account_name=account_name,
        office=office,
        roles_before=list(before),
        roles_after=list(after),
        status=status,
        authority=("national" if actor.is_national else "admin") if applied else None,
        proposed_by=actor.subject,
        proposed_by_name=actor.username,
        decided_at=utcnow() if applied else None,
    )
    session.add(change)
    await session.flush()
    return change


def decide(change: RoleChange, *, actor: Principal, status: Status) -> None:
    """The second admin's decision on a pending change: both people stay on the row."""
    change.status = status
    change.authority = "two_admins" if status == "applied" else None
    change.approved_by = actor.subject
    change.approved_by_name = actor.username
    change.decided_at = utcnow()


async def get_change(
    *, session: AsyncSession, actor: Principal, change_id: uuid.UUID, for_update: bool = False
) -> RoleChange:
    change = await session.get(RoleChange, change_id, with_for_update=for_update)
    # Another office's change is missing, not forbidden: no existence leak.
    if change is None or not actor.can_see_office(change.office):
        raise NotFound("There is no such role change.")
    return change


async def list_changes(
    *,
    session: AsyncSession,
    actor: Principal,
    status: Status | None,
    account_id: str | None,
    since: datetime | None,
    cursor: str | None,
    limit: int,
) -> tuple[list[RoleChange], str | None]:
    query = select(RoleChange)
    if (scope := actor.office_scope()) is not None:
        query = query.where(col(RoleChange.office) == scope)
    if status is not None:
        query = query.where(col(RoleChange.status) == status)
    if account_id is not None:
        query = query.where(col(RoleChange.account_id) == account_id)
    if since is not None:
        query = query.where(col(RoleChange.proposed_at) >= since)
    return await newest_first_page(
        session,
        query,
        timestamp=col(RoleChange.proposed_at),
        ident=col(RoleChange.id),
        cursor=cursor,
        limit=limit,
    )
