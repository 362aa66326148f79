"""Offices, users and API clients: the rules, without HTTP.

Functions only add and flush; the request boundary commits. A non-national admin acts
within their own office only, and only a national admin hands out `national`.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, tuple_
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from apik_gateway.models import ApiClient, Office, User, utcnow
from apik_gateway.passwords import hash_secret, new_client_secret, password_weakness
from apik_gateway.schemas import (
    ClientCreate,
    ClientCreated,
    ClientPublic,
    UserCreate,
    UserPublic,
    UserUpdate,
)
from apik_shared.auth import Principal, Role
from apik_shared.pagination import Page, decode_cursor, encode_cursor
from apik_shared.problems import Conflict, Forbidden, InvalidInput, NotFound


class UsernameTaken(Conflict):
    slug, title = "username-taken", "The username is already taken"


class CannotLockOutYourself(Conflict):
    slug, title = "cannot-lock-out-yourself", "You cannot disable yourself or drop your admin role"


def _check_office_scope(actor: Principal, office: str) -> None:
    if not actor.can_see_office(office):
        raise Forbidden(f"You manage office {actor.office} only.")


def _check_grantable(actor: Principal, roles: list[Role] | None) -> None:
    if roles and Role.national in roles and not actor.is_national:
        raise Forbidden("Only a national admin can grant the national role.")


async def _require_office(session: AsyncSession, code: str, pointer: str) -> None:
    if await session.get(Office, code) is None:
        raise InvalidInput.field(pointer, f"There is no office {code}.")


def _check_password(password: str, username: str) -> None:
    if (why := password_weakness(password, username=username)) is not None:
        raise InvalidInput.field("#/body/password", why)


# Users


async def create_user(*, session: AsyncSession, actor: Principal, user_in: UserCreate) -> User:
    _check_office_scope(actor, user_in.office)
    _check_grantable(actor, user_in.roles)
    _check_password(user_in.password, user_in.username)
    await _require_office(session, user_in.office, "#/body/office")
    taken = select(col(User.id)).where(col(User.username) == user_in.username)
    if (await session.execute(taken)).first() is not None:
        raise UsernameTaken(f"The username {user_in.username} is already taken.")
    user = User(
        username=user_in.username,
        full_name=user_in.full_name,
        office=user_in.office,
        roles=[str(r) for r in user_in.roles],
        password_hash=await hash_secret(user_in.password),
    )
    session.add(user)
    try:
        await session.flush()
    except IntegrityError as exc:  # a concurrent request took the name first
        raise UsernameTaken(f"The username {user_in.username} is already taken.") from exc
    return user


async def get_user(*, session: AsyncSession, actor: Principal, user_id: str) -> User:
    user = await session.get(User, user_id)
    # A user of another office is reported missing, not forbidden: no existence leak.
    if user is None or not actor.can_see_office(user.office):
        raise NotFound("There is no such user.")
    return user


async def list_users(
    *, session: AsyncSession, actor: Principal, office: str | None, cursor: str | None, limit: int
) -> Page[UserPublic]:
    query = select(User).order_by(User.username).limit(limit + 1)
    scope = actor.office_scope()
    if scope is not None:
        query = query.where(col(User.office) == scope)
    if office is not None:
        query = query.where(col(User.office) == office)
    if (after := decode_cursor(cursor)) is not None:
        query = query.where(col(User.username) > str(after[0]))
    users = list((await session.execute(query)).scalars())
    items = [UserPublic.model_validate(u) for u in users[:limit]]
    next_cursor = encode_cursor(users[limit - 1].username) if len(users) > limit else None
    return Page[UserPublic](items=items, next_cursor=next_cursor)


async def update_user(
    *, session: AsyncSession, actor: Principal, user: User, changes: UserUpdate
) -> User:
    fields: dict[str, Any] = changes.model_dump(exclude_unset=True)
    if fields.get("office") is not None:
        _check_office_scope(actor, fields["office"])
        await _require_office(session, fields["office"], "#/body/office")
    if fields.get("roles") is not None:
        _check_grantable(actor, changes.roles)
        fields["roles"] = [str(r) for r in changes.roles or []]
    if actor.subject == f"user:{user.id}" and (
        fields.get("disabled") is True or ("roles" in fields and Role.admin not in fields["roles"])
    ):
        raise CannotLockOutYourself()
    if (password := fields.pop("password", None)) is not None:
        _check_password(password, user.username)
        user.password_hash = await hash_secret(password)
    for name, value in fields.items():
        if value is None:
            raise InvalidInput.field(f"#/body/{name}", "May be omitted, but not null.")
        setattr(user, name, value)
    user.version += 1
    user.updated_at = utcnow()
    session.add(user)
    await session.flush()
    return user


# API clients


async def create_client(
    *, session: AsyncSession, actor: Principal, client_in: ClientCreate
) -> ClientCreated:
    _check_office_scope(actor, client_in.office)
    _check_grantable(actor, client_in.roles)
    await _require_office(session, client_in.office, "#/body/office")
    secret = new_client_secret()
    client = ApiClient(
        name=client_in.name,
        office=client_in.office,
        roles=[str(r) for r in client_in.roles],
        secret_hash=await hash_secret(secret),
    )
    session.add(client)
    await session.flush()
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
