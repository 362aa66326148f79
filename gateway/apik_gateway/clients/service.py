"""API clients: other systems calling APIK with the client-credentials grant.

Functions only add and flush; the request boundary commits. The same office and role
rules as for users apply (`users.rules`).
"""

from __future__ import annotations

from sqlalchemy import select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from apik_gateway.audit import service as audit
from apik_gateway.clients.schemas import ClientCreate, ClientCreated, ClientPublic
from apik_gateway.models import ApiClient
from apik_gateway.offices.service import require_office
from apik_gateway.tokens.service.passwords import hash_secret, new_client_secret
from apik_gateway.users.rules import SecondAdminRequired, check_grant, check_office_scope
from apik_shared.platform.auth import Principal
from apik_shared.platform.pagination import Page, decode_cursor, encode_cursor


async def create_client(
    *, session: AsyncSession, actor: Principal, client_in: ClientCreate
) -> ClientCreated:
    check_office_scope(actor, client_in.office)
    roles = [str(r) for r in client_in.roles]
    # No second-admin path here: the secret is shown to the registering admin alone, so
    # an approval would not stop that admin from holding a guarded credential.
    if check_grant(actor, target="client:new", before=[], after=roles):
        raise SecondAdminRequired("Only a national admin registers a client with this role.")
    await require_office(session=session, code=client_in.office, pointer="#/body/office")
    secret = new_client_secret()
    client = ApiClient(
        name=client_in.name,
        office=client_in.office,
        roles=roles,
        secret_hash=await hash_secret(secret),
    )
    session.add(client)
    await session.flush()
    if roles:
        await audit.record(
            session=session,
            actor=actor,
            account_kind="client",
            account_id=client.id,
            account_name=client.name,
            office=client.office,
            before=[],
            after=roles,
        )
    public = ClientPublic.model_validate(client)
    return ClientCreated(**public.model_dump(), client_secret=secret)


async def list_clients(
    *, session: AsyncSession, actor: Principal, cursor: str | None, limit: int
) -> Page[ClientPublic]:
    query = select(ApiClient).order_by(ApiClient.name, ApiClient.id).limit(limit + 1)
    if (scope := actor.office_scope()) is not None:
        query = query.where(col(ApiClient.office) == scope)
    if (after := decode_cursor(cursor)) is not None and len(after) == 2:
        query = query.where(tuple_(ApiClient.name, ApiClient.id) > tuple_(*map(str, after)))
    clients = list((await session.execute(query)).scalars())
    items = [ClientPublic.model_validate(c) for c in clients[:limit]]
    last = clients[limit - 1] if len(clients) > limit else None
    next_cursor = encode_cursor(last.name, last.id) if last is not None else None
    return Page[ClientPublic](items=items, next_cursor=next_cursor)
