"""Administration: users, API clients and offices (`/api/v1/auth/...`).

Admins only; a non-national admin sees and changes their own office's accounts only.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response, status
from fastapi.responses import JSONResponse

from apik_gateway import service
from apik_gateway.schemas import (
    ClientCreate,
    ClientCreated,
    ClientPublic,
    UserCreate,
    UserCreated,
    UserPublic,
    UserUpdate,
)
from apik_shared.auth import Principal, Role, require_roles
from apik_shared.db import DbSession, TransactionalRoute
from apik_shared.etag import check_if_match, set_etag
from apik_shared.idempotency import Idempotency
from apik_shared.pagination import DEFAULT_LIMIT, MAX_LIMIT, Page
from apik_shared.problems import (
    Conflict,
    Forbidden,
    InvalidInput,
    NotFound,
    PreconditionFailed,
    PreconditionRequired,
    Unauthorized,
    problem_responses,
)

router = APIRouter(prefix="/api/v1/auth", route_class=TransactionalRoute)
Admin = Annotated[Principal, Depends(require_roles(Role.admin))]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT)]
Cursor = Annotated[str | None, Query(description="`next_cursor` of the previous page")]
_DENIED = (Unauthorized, Forbidden)


@router.post(
    "/users",
    status_code=status.HTTP_201_CREATED,
    response_model=UserCreated,
    tags=["users"],
    operation_id="create_user",
    responses=problem_responses(*_DENIED, Conflict, InvalidInput),
)
async def create_user(
    user_in: UserCreate, request: Request, session: DbSession, admin: Admin
) -> Response:
    idempotency = Idempotency(session, request, caller=admin.subject)
    if (replay := await idempotency.begin()) is not None:
        return replay
    user = await service.create_user(session=session, actor=admin, user_in=user_in)
    body = UserCreated(id=user.id).model_dump(mode="json")
    await idempotency.remember(status.HTTP_201_CREATED, body)
    response = JSONResponse(body, status_code=status.HTTP_201_CREATED)
    response.headers["Location"] = f"/api/v1/auth/users/{user.id}"
    set_etag(response, user.version)
    return response


@router.get(
    "/users",
    response_model=Page[UserPublic],
    tags=["users"],
    operation_id="list_users",
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
    tags=["users"],
    operation_id="get_user",
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
    tags=["users"],
    operation_id="update_user",
    summary="Change a user; send If-Match with the ETag you read",
    responses=problem_responses(
        *_DENIED, NotFound, Conflict, PreconditionFailed, PreconditionRequired, InvalidInput
    ),
)
async def update_user(
    user_id: str,
    changes: UserUpdate,
    request: Request,
    session: DbSession,
    admin: Admin,
    response: Response,
) -> UserPublic:
    user = await service.get_user(session=session, actor=admin, user_id=user_id)
    check_if_match(request, user.version, required=True)
    user = await service.update_user(session=session, actor=admin, user=user, changes=changes)
    set_etag(response, user.version)
    return UserPublic.model_validate(user)


@router.post(
    "/clients",
    status_code=status.HTTP_201_CREATED,
    response_model=ClientCreated,
    tags=["clients"],
    operation_id="create_client",
    summary="Register another system; the secret is shown in this response only",
    responses=problem_responses(*_DENIED, InvalidInput),
)
async def create_client(client_in: ClientCreate, session: DbSession, admin: Admin) -> ClientCreated:
    return await service.create_client(session=session, actor=admin, client_in=client_in)


@router.get(
    "/clients",
    response_model=Page[ClientPublic],
    tags=["clients"],
    operation_id="list_clients",
    responses=problem_responses(*_DENIED, InvalidInput),
)
async def list_clients(
    session: DbSession, admin: Admin, cursor: Cursor = None, limit: Limit = DEFAULT_LIMIT
) -> Page[ClientPublic]:
    return await service.list_clients(session=session, actor=admin, cursor=cursor, limit=limit)
