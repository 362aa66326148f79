"""Users (`/api/v1/auth/users`): the people who sign in, managed by admins.

Admins only; a non-national admin sees and changes their own office's users only.
"""

from __future__ import annotations

import uuid

from fastapi import Request, Response, status

from apik_gateway.audit import service as audit
from apik_gateway.audit.schemas import RoleChangePublic
from apik_gateway.deps import Admin, Cursor, Limit, LockedUser
from apik_gateway.users import service
from apik_gateway.users.schemas import (
    RoleProposal,
    UserCreate,
    UserCreated,
    UserPublic,
    UserUpdate,
)
from apik_shared.platform.db import DbSession
from apik_shared.platform.etag import set_etag
from apik_shared.platform.idempotency import Idempotency
from apik_shared.platform.pagination import DEFAULT_LIMIT, Page
from apik_shared.platform.problems import (
    Conflict,
    Forbidden,
    InvalidInput,
    NotFound,
    PreconditionFailed,
    PreconditionRequired,
    Unauthorized,
    problem_responses,
)
from apik_shared.platform.routing import ServiceRouter, created

router = ServiceRouter(prefix="/api/v1/auth", tags=["users"])
_DENIED = (Unauthorized, Forbidden)


@router.post(
    "/users",
    status_code=status.HTTP_201_CREATED,
    response_model=UserCreated,
    responses=problem_responses(*_DENIED, Conflict, InvalidInput),
)
async def create_user(
    user_in: UserCreate, request: Request, session: DbSession, admin: Admin
) -> Response:
    idempotency = Idempotency(session, request, caller=admin.subject)
    if (replay := await idempotency.begin()) is not None:
        return replay
    user = await service.create_user(session=session, actor=admin, user_in=user_in)
    return await created(
        idempotency,
        UserCreated(id=user.id),
        location=f"{request.url.path}/{user.id}",
        version=user.version,
    )


@router.get(
    "/users",
    response_model=Page[UserPublic],
    responses=problem_responses(*_DENIED, InvalidInput),
)
async def list_users(
    session: DbSession,
    admin: Admin,
    office: str | None = None,
    cursor: Cursor = None,
    limit: Limit = DEFAULT_LIMIT,
) -> Page[UserPublic]:
    return await service.list_users(
        session=session, actor=admin, office=office, cursor=cursor, limit=limit
    )


@router.get(
    "/users/{user_id}",
    response_model=UserPublic,
    responses=problem_responses(*_DENIED, NotFound),
)
async def get_user(
    user_id: str, session: DbSession, admin: Admin, response: Response
) -> UserPublic:
    user = await service.get_user(session=session, actor=admin, user_id=user_id)
    set_etag(response, user.version)
    return UserPublic.model_validate(user)


@router.patch(
    "/users/{user_id}",
    response_model=UserPublic,
    summary="Change a user; send If-Match with the ETag you read",
    responses=problem_responses(
        *_DENIED, NotFound, Conflict, PreconditionFailed, PreconditionRequired, InvalidInput
    ),
)
async def update_user(
    changes: UserUpdate, user: LockedUser, session: DbSession, admin: Admin, response: Response
) -> UserPublic:
    user = await service.update_user(session=session, actor=admin, user=user, changes=changes)
    set_etag(response, user.version)
    return UserPublic.model_validate(user)


@router.post(
    "/users/{user_id}/role-proposals",
    status_code=status.HTTP_201_CREATED,
    response_model=RoleChangePublic,
    summary="Propose a user's roles; a second admin approves (head, dpo, admin, national)",
    responses=problem_responses(*_DENIED, NotFound, InvalidInput),
)
async def propose_roles(
    user_id: str, proposal: RoleProposal, request: Request, session: DbSession, admin: Admin
) -> Response:
    idempotency = Idempotency(session, request, caller=admin.subject)
    if (replay := await idempotency.begin()) is not None:
        return replay
    user = await service.get_user(session=session, actor=admin, user_id=user_id)
    roles = [str(r) for r in proposal.roles]
    change = await service.propose_roles(session=session, actor=admin, user=user, roles=roles)
    return await created(
        idempotency,
        RoleChangePublic.model_validate(change),
        location=f"/api/v1/auth/role-proposals/{change.id}",
    )


@router.get(
    "/role-proposals",
    response_model=Page[RoleChangePublic],
    summary="Proposals waiting for a second admin, newest first",
    responses=problem_responses(*_DENIED, InvalidInput),
)
async def list_role_proposals(
    session: DbSession, admin: Admin, cursor: Cursor = None, limit: Limit = DEFAULT_LIMIT
) -> Page[RoleChangePublic]:
    rows, next_cursor = await audit.list_changes(
        session=session,
        actor=admin,
        status="pending",
        account_id=None,
        since=None,
        cursor=cursor,
        limit=limit,
    )
    return Page(items=[RoleChangePublic.model_validate(r) for r in rows], next_cursor=next_cursor)


@router.post(
    "/role-proposals/{proposal_id}/approval",
    response_model=RoleChangePublic,
    summary="Approve another admin's proposal: the roles change now, both names recorded",
    responses=problem_responses(*_DENIED, NotFound, Conflict, InvalidInput),
)
async def approve_roles(
    proposal_id: uuid.UUID, session: DbSession, admin: Admin
) -> RoleChangePublic:
    change = await service.decide_proposal(
        session=session, actor=admin, change_id=proposal_id, approve=True
    )
    return RoleChangePublic.model_validate(change)


@router.post(
    "/role-proposals/{proposal_id}/refusal",
    response_model=RoleChangePublic,
    summary="Decline a proposal (or withdraw your own): the roles stay as they are",
    responses=problem_responses(*_DENIED, NotFound, Conflict, InvalidInput),
)
async def decline_roles(
    proposal_id: uuid.UUID, session: DbSession, admin: Admin
) -> RoleChangePublic:
    change = await service.decide_proposal(
        session=session, actor=admin, change_id=proposal_id, approve=False
    )
    return RoleChangePublic.model_validate(change)
