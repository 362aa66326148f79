"""API clients (`/api/v1/auth/clients`): other systems, registered by admins.

Admins only; a non-national admin sees and registers their own office's clients only.
"""

from __future__ import annotations

from fastapi import status

from apik_gateway.clients import service
from apik_gateway.clients.schemas import ClientCreate, ClientCreated, ClientPublic, ClientUpdate
from apik_gateway.deps import ClientsAdmin, Cursor, Limit
from apik_shared.platform.db import DbSession
from apik_shared.platform.pagination import DEFAULT_LIMIT, Page
from apik_shared.platform.problems import (
    Forbidden,
    InvalidInput,
    NotFound,
    Unauthorized,
    problem_responses,
)
from apik_shared.platform.routing import ServiceRouter

router = ServiceRouter(prefix="/api/v1/auth", tags=["clients"])
_DENIED = (Unauthorized, Forbidden)


# Not idempotent on purpose: a replay would have to answer the one-time secret again,
# so `Idempotency-Key` would keep it in clear in `idempotency_key`, where the client's
# own row keeps only its argon2 hash. A client whose answer was lost registers anew.
@router.post(
    "/clients",
    status_code=status.HTTP_201_CREATED,
    response_model=ClientCreated,
    summary="Register another system; the secret is shown in this response only",
    responses=problem_responses(*_DENIED, InvalidInput),
)
async def create_client(
    client_in: ClientCreate, session: DbSession, admin: ClientsAdmin
) -> ClientCreated:
    return await service.create_client(session=session, actor=admin, client_in=client_in)


@router.get(
    "/clients",
    response_model=Page[ClientPublic],
    responses=problem_responses(*_DENIED, InvalidInput),
)
async def list_clients(
    session: DbSession, admin: ClientsAdmin, cursor: Cursor = None, limit: Limit = DEFAULT_LIMIT
) -> Page[ClientPublic]:
    return await service.list_clients(session=session, actor=admin, cursor=cursor, limit=limit)


@router.patch(
    "/clients/{client_id}",
    response_model=ClientPublic,
    summary="Switch a client off (its tokens refused at once) or on again",
    responses=problem_responses(*_DENIED, NotFound, InvalidInput),
)
async def update_client(
    client_id: str, changes: ClientUpdate, session: DbSession, admin: ClientsAdmin
) -> ClientPublic:
    return await service.update_client(
        session=session, actor=admin, client_id=client_id, changes=changes
    )


# Not idempotent, as registering: a replay would keep the new secret in clear.
@router.post(
    "/clients/{client_id}/secret",
    response_model=ClientCreated,
    summary="A new secret for a client, shown in this response only; the old one and "
    "its tokens stop working",
    responses=problem_responses(*_DENIED, NotFound),
)
async def rotate_client_secret(
    client_id: str, session: DbSession, admin: ClientsAdmin
) -> ClientCreated:
    return await service.rotate_secret(session=session, actor=admin, client_id=client_id)
