"""Users: created, listed, read and changed by admins (`rules` says who may).

Functions only add and flush; the request boundary commits.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from apik_gateway.audit import service as audit
from apik_gateway.models import RoleChange, User, utcnow
from apik_gateway.offices.service import require_office
from apik_gateway.tokens.service.login_sessions import (
    ROLES_CHANGED,
    account_change,
    revoke_sessions_of,
)
from apik_gateway.tokens.service.passwords import hash_secret, password_weakness
from apik_gateway.users.rules import (
    PROPOSAL_STATUSES,
    SecondAdminRequired,
    check_approval,
    check_community_member,
    check_grant,
    check_manageable,
    check_office_scope,
    check_password_reset,
    locks_out,
)
from apik_gateway.users.schemas import UserCreate, UserPublic, UserUpdate
from apik_shared.platform.auth import Principal
from apik_shared.platform.pagination import Page, decode_cursor, encode_cursor
from apik_shared.platform.problems import Conflict, InvalidInput, NotFound
from apik_shared.vocabulary.labels import named


class UsernameTaken(Conflict):
    """Another account has this username; choose another."""

    slug, title = "username-taken", "The username is already taken"
    indonesian_title = "Nama pengguna sudah dipakai"


class CannotLockOutYourself(Conflict):
    """An administrator may not disable their own account or drop their own admin
    role: the office would be left without anyone able to undo it."""

    slug, title = "cannot-lock-out-yourself", "You cannot disable yourself or drop your admin role"
    indonesian_title = "Anda tidak dapat menonaktifkan diri sendiri atau melepas peran admin Anda"


class StaleProposal(Conflict):
    """The role proposal was already decided, or the user's roles changed after it was
    made; make a new proposal."""

    slug, title = "stale-proposal", "The proposal is decided or the roles changed since"
    indonesian_title = "Usulan sudah diputus atau peran sudah berubah"
    # `proposal_decided` (`status`), `roles_changed`.
    reasons = ("proposal_decided", "roles_changed")


_PROPOSE_INSTEAD = (
    "Only a national admin grants this role alone. Create the account without it, then "
    "propose the roles (POST /api/v1/auth/users/{user_id}/role-proposals) for a second "
    "admin to approve."
)


def _check_password(password: str, username: str) -> None:
    if (why := password_weakness(password, username=username)) is not None:
        raise InvalidInput.at("#/body/password", why)


async def create_user(*, session: AsyncSession, actor: Principal, user_in: UserCreate) -> User:
    check_office_scope(actor, user_in.office)
    roles = [str(r) for r in user_in.roles]
    check_community_member(user_in.username, roles, "#/body/roles")
    # A new account is never the actor's own: the subject below matches no one.
    if check_grant(actor, target="user:new", before=[], after=roles):
        raise SecondAdminRequired(_PROPOSE_INSTEAD, code="propose_instead")
    _check_password(user_in.password, user_in.username)
    await require_office(session=session, code=user_in.office, pointer="#/body/office")
    taken = select(col(User.id)).where(col(User.username) == user_in.username)
    if (await session.execute(taken)).first() is not None:
        raise UsernameTaken(f"The username {user_in.username} is already taken.")
    user = User(
        username=user_in.username,
        full_name=user_in.full_name,
        office=user_in.office,
        roles=roles,
        password_hash=await hash_secret(user_in.password),
    )
    session.add(user)
    try:
        await session.flush()
    except IntegrityError as exc:  # a concurrent request took the name first
        raise UsernameTaken(f"The username {user_in.username} is already taken.") from exc
    if roles:
        await _audit(session=session, actor=actor, user=user, before=[], after=roles)
    return user


async def get_user(
    *, session: AsyncSession, actor: Principal, user_id: str, for_update: bool = False
) -> User:
    user = await session.get(User, user_id, with_for_update=for_update)
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
    check_manageable(actor, user.roles)
    before = list(user.roles)
    if fields.get("office") is not None:
        check_office_scope(actor, fields["office"])
        await require_office(session=session, code=fields["office"], pointer="#/body/office")
    if fields.get("roles") is not None:
        fields["roles"] = [str(r) for r in changes.roles or []]
        check_community_member(user.username, fields["roles"], "#/body/roles")
        if check_grant(actor, target=f"user:{user.id}", before=before, after=fields["roles"]):
            raise SecondAdminRequired(_PROPOSE_INSTEAD, code="propose_instead")
    if locks_out(actor, user.id, fields):
        raise CannotLockOutYourself()
    if (password := fields.pop("password", None)) is not None:
        check_password_reset(actor, target=f"user:{user.id}", target_roles=before)
        _check_password(password, user.username)
        user.password_hash = await hash_secret(password)
    for name, value in fields.items():
        if value is None:
            raise InvalidInput.field(
                f"#/body/{name}", "May be omitted, but not null.", code="cannot_be_cleared"
            )
        setattr(user, name, value)
    user.version += 1
    user.updated_at = utcnow()
    session.add(user)
    await session.flush()
    if sorted(user.roles) != sorted(before):
        await _audit(session=session, actor=actor, user=user, before=before, after=user.roles)
    if reason := account_change(
        disabled=fields.get("disabled") is True,
        roles_changed=sorted(user.roles) != sorted(before),
        office_changed=fields.get("office") is not None,
        password_changed=password is not None,
    ):
        await revoke_sessions_of(session=session, subject=f"user:{user.id}", reason=reason)
    return user


async def _audit(
    *, session: AsyncSession, actor: Principal, user: User, before: list[str], after: list[str]
) -> None:
    await audit.record(
        session=session,
        actor=actor,
        account_kind="user",
        account_id=user.id,
        account_name=user.username,
        office=user.office,
        before=before,
        after=list(after),
    )


# --- roles granted by two admins ------------------------------------------------------


async def propose_roles(
    *, session: AsyncSession, actor: Principal, user: User, roles: list[str]
) -> RoleChange:
    """A change of `user`'s roles to `roles`, applied once a second admin approves."""
    check_manageable(actor, user.roles)
    check_community_member(user.username, roles, "#/body/roles")
    # The proposer must be able to grant each role but for the second admin (rank, self).
    check_grant(actor, target=f"user:{user.id}", before=user.roles, after=roles)
    return await audit.record(
        session=session,
        actor=actor,
        account_kind="user",
        account_id=user.id,
        account_name=user.username,
        office=user.office,
        before=user.roles,
        after=roles,
        status="pending",
    )


async def decide_proposal(
    *, session: AsyncSession, actor: Principal, change_id: uuid.UUID, approve: bool
) -> RoleChange:
    """The second admin approves (the roles change now) or declines a pending proposal."""
    change = await audit.get_change(
        session=session, actor=actor, change_id=change_id, for_update=True
    )
    if change.status != "pending" or change.account_kind != "user":
        raise StaleProposal(
            f"The proposal is {change.status}.",
            code="proposal_decided",
            params={"status": named(PROPOSAL_STATUSES, change.status)},
        )
    user = await get_user(session=session, actor=actor, user_id=change.account_id, for_update=True)
    if approve:
        # The second admin approved a change from these roles, not from what they became.
        if sorted(user.roles) != sorted(change.roles_before):
            raise StaleProposal(
                "The account's roles changed since the proposal: propose again.",
                code="roles_changed",
            )
        check_manageable(actor, user.roles)
        check_approval(
            actor,
            proposer=change.proposed_by,
            target=f"user:{user.id}",
            before=change.roles_before,
            after=change.roles_after,
        )
        user.roles = list(change.roles_after)
        user.version += 1
        user.updated_at = utcnow()
        session.add(user)
        await revoke_sessions_of(session=session, subject=f"user:{user.id}", reason=ROLES_CHANGED)
    audit.decide(change, actor=actor, status="applied" if approve else "declined")
    session.add(change)
    await session.flush()
    return change
