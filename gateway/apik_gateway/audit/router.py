"""The role-change audit (`/api/v1/auth/audit/role-changes`): for the data protection
officer (their office's, or every office's when national) and national admins."""

from __future__ import annotations

import uuid

from apik_gateway.audit import service
from apik_gateway.audit.schemas import RoleChangePublic, Status
from apik_gateway.deps import Auditor, Cursor, Limit
from apik_shared.platform.db import DbSession
from apik_shared.platform.pagination import DEFAULT_LIMIT, Page
from apik_shared.platform.problems import Forbidden, InvalidInput, Unauthorized, problem_responses
from apik_shared.platform.routing import ServiceRouter
from apik_shared.vocabulary.instants import Instant

router = ServiceRouter(prefix="/api/v1/auth/audit", tags=["audit"])


@router.get(
    "/role-changes",
    response_model=Page[RoleChangePublic],
    summary="Every role change, newest first: who, whose, before and after, who approved",
    responses=problem_responses(Unauthorized, Forbidden, InvalidInput),
)
async def list_role_changes(
    session: DbSession,
    auditor: Auditor,
    status: Status | None = None,
    account_id: uuid.UUID | None = None,
    since: Instant | None = None,
    cursor: Cursor = None,
    limit: Limit = DEFAULT_LIMIT,
) -> Page[RoleChangePublic]:
    rows, next_cursor = await service.list_changes(
        session=session,
        actor=auditor,
        status=status,
        account_id=str(account_id) if account_id else None,
        since=since,
        cursor=cursor,
        limit=limit,
    )
    return Page(items=[RoleChangePublic.model_validate(r) for r in rows], next_cursor=next_cursor)
