"""API clients: other systems calling APIK with the client-credentials grant.

Functions only add and flush; the request boundary commits. The same office and role
rules as for users apply (`users.rules`).
"""

from __future__ import annotations

from sqlalchemy import select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from apik_gateway.audit import service as audit
from apik_gateway.clients.schemas import ClientCreate, ClientCreated, ClientPublic, ClientUpdate
from apik_gateway.models import ApiClient, new_id
from apik_gateway.offices.service import require_office
from apik_gateway.tokens.service.login_sessions import (
    DISABLED,
    SECRET_ROTATED,
    revoke_credential,
)
from apik_gateway.tokens.service.passwords import hash_secret, new_client_secret
from apik_gateway.users.rules import SecondAdminRequired, check_grant, check_office_scope
from apik_shared.platform.auth import Principal
from apik_shared.platform.pagination import Page, decode_cursor, encode_cursor
from apik_shared.platform.problems import NotFound


async def create_client(
    *, session: AsyncSession, actor: Principal, client_in: ClientCreate
) -> ClientCreated:
    check_office_scope(actor, client_in.office)
    roles = [str(r) for r in client_in.roles]
    # No second-admin path here: the secret is shown to the registering admin alone, so
    # an approval would not stop that admin from holding a guarded credential.
    if check_grant(actor, target="client:new", before=[], after=roles):
        raise SecondAdminRequired(
            "Only a national admin registers a client with this role.",
            code="guarded_client",
        )
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


async def get_client(*, session: AsyncSession, actor: Principal, client_id: str) -> ApiClient:
    """The client, locked for the change; another office's is missing, as an unknown id."""
    client = await session.get(ApiClient, client_id, with_for_update=True)
    if client is None or not actor.can_see_office(client.office):
        raise NotFound("There is no such API client.")
    return client


async def update_client(
    *, session: AsyncSession, actor: Principal, client_id: str, changes: ClientUpdate
) -> ClientPublic:
    """Switching a client off refuses, at every service within seconds, the tokens it
    already holds (`session.revoked`), not only new ones; switching it on again grants
    its roles again, under the rule for registering them."""
    client = await get_client(session=session, actor=actor, client_id=client_id)
    if changes.disabled and not client.disabled:
        client.disabled = True
        await _new_credential(session, client, reason=DISABLED)
    elif not changes.disabled and client.disabled:
        if check_grant(actor, target=f"client:{client.id}", before=[], after=client.roles):
            raise SecondAdminRequired(
                "Only a national admin enables a client with this role.",
                code="guarded_client",
            )
        client.disabled = False
    session.add(client)
    await session.flush()
    return ClientPublic.model_validate(client)


async def rotate_secret(
    *, session: AsyncSession, actor: Principal, client_id: str
) -> ClientCreated:
    """A new secret, shown once; the old one stops working and so do the tokens issued
    with it. The rule for registering the client's roles applies: whoever may not grant
    them may not hold a fresh credential for them."""
    client = await get_client(session=session, actor=actor, client_id=client_id)
    if check_grant(actor, target=f"client:{client.id}", before=[], after=client.roles):
        raise SecondAdminRequired(
            "Only a national admin rotates the secret of this client.",
            code="guarded_client",
        )
    secret = new_client_secret()
    client.secret_hash = await hash_secret(secret)
    await _new_credential(session, client, reason=SECRET_ROTATED)
    session.add(client)
    await session.flush()
    public = ClientPublic.model_validate(client)
    return ClientCreated(**public.model_dump(), client_secret=secret)


async def _new_credential(session: AsyncSession, client: ApiClient, *, reason: str) -> None:
    """Ends the tokens of the client's current credential; later ones get a new `sid`."""
    await revoke_credential(
        session=session,
        subject=f"client:{client.id}",
        credential_id=client.credential_id,
        reason=reason,
    )
    client.credential_id = new_id()
