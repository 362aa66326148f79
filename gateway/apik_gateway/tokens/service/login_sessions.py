"""Login sessions: opened by a password sign-in, kept alive by refresh tokens that
rotate on every use, ended by logout, by a refresh token used twice, or when the account
changes (`revoke_sessions_of`).

Every ending is published (`session.revoked`) in the same transaction, and every
service refuses the session's access tokens once the event reaches it.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import col

from apik_gateway.models import LoginSession, RefreshToken, utcnow
from apik_gateway.settings import Settings
from apik_shared.platform.auth import Principal
from apik_shared.platform.events.payloads.gateway import SessionRevoked
from apik_shared.platform.events.publish import publish
from apik_shared.platform.sessions import REPLAY_SECONDS

# Why a session ended, as `session.revoked` says it.
LOGOUT = "logout"
REFRESH_REUSED = "refresh_reused"
DISABLED = "account_disabled"
ROLES_CHANGED = "roles_changed"
OFFICE_CHANGED = "office_changed"
PASSWORD_CHANGED = "password_changed"
SECRET_ROTATED = "secret_rotated"

# Far longer than any token we issue: what is longer is not one of ours.
_MAX_TOKEN_CHARS = 200


@dataclass(frozen=True)
class Lifetimes:
    access_seconds: int
    refresh_seconds: int
    session_seconds: int

    @classmethod
    def from_settings(cls, settings: Settings) -> Lifetimes:
        return cls(
            access_seconds=settings.token_ttl_seconds,
            refresh_seconds=settings.refresh_token_ttl_seconds,
            session_seconds=settings.session_max_seconds,
        )


def hash_token(token: str) -> str:
    """A refresh token is 256 random bits: a plain SHA-256 keeps a copy of the table
    from being usable, and needs no slow hash (there is nothing to guess)."""
    return hashlib.sha256(token.encode()).hexdigest()


def _new_refresh_token(
    session: AsyncSession, login: LoginSession, now: datetime, lifetimes: Lifetimes
) -> str:
    token = secrets.token_urlsafe(32)
    expires_at = min(now + timedelta(seconds=lifetimes.refresh_seconds), login.expires_at)
    session.add(
        RefreshToken(
            token_hash=hash_token(token), session_id=login.id, issued_at=now, expires_at=expires_at
        )
    )
    return token


async def open_session(
    *, session: AsyncSession, subject: str, lifetimes: Lifetimes
) -> tuple[LoginSession, str]:
    """A new session for `subject` and its first refresh token."""
    now = utcnow()
    login = LoginSession(
        subject=subject,
        expires_at=now + timedelta(seconds=lifetimes.session_seconds),
        access_until=now + timedelta(seconds=lifetimes.access_seconds),
    )
    session.add(login)
    await session.flush()
    token = _new_refresh_token(session, login, now, lifetimes)
    await session.flush()
    return login, token


class RefreshRefused(Exception):
    """The refresh token is unknown, expired, used already, or its session ended."""


async def rotate_refresh_token(
    *,
    session: AsyncSession,
    sessions: async_sessionmaker[AsyncSession],
    token: str,
    lifetimes: Lifetimes,
) -> tuple[LoginSession, str]:
    """Spends `token` for a new one in the same session. A token spent already means
    two parties hold it, one of them a thief: the whole session ends."""
    now = utcnow()
    found = None
    if len(token) <= _MAX_TOKEN_CHARS:
        found = await session.get(RefreshToken, hash_token(token), with_for_update=True)
    if found is None or found.expires_at <= now:
        raise RefreshRefused
    # Not locked here: the reuse below ends the session from another transaction.
    login = await session.get(LoginSession, found.session_id)
    if login is None or login.revoked_at is not None or login.expires_at <= now:
        raise RefreshRefused
    if found.used_at is not None:
        # In a transaction of its own: this request's is rolled back with its 401.
        async with sessions() as other, other.begin():
            family = await other.get(LoginSession, login.id, with_for_update=True)
            if family is not None:
                await end_session(session=other, login=family, reason=REFRESH_REUSED)
        raise RefreshRefused
    found.used_at = now
    login.access_until = now + timedelta(seconds=lifetimes.access_seconds)
    session.add_all([found, login])
    new_token = _new_refresh_token(session, login, now, lifetimes)
    await session.flush()
    return login, new_token


async def end_session(*, session: AsyncSession, login: LoginSession, reason: str) -> None:
    """Ends one session: its refresh tokens stop working, and every service refuses its
    access tokens once `session.revoked` reaches it."""
    if login.revoked_at is not None:
        return
    now = utcnow()
    login.revoked_at, login.revoked_reason = now, reason
    session.add(login)
    await session.flush()
    event = SessionRevoked(
        session_ids=[login.id], reason=reason, until=max(login.access_until, now)
    )
    await publish(session, event, subject=login.subject)


async def logout(*, session: AsyncSession, principal: Principal) -> None:
    """Ends the caller's session (the `sid` of the token it presented)."""
    if principal.session is None:
        return
    # A client's token names its credential, not a session: nothing found, it simply
    # expires (the client is switched off through /clients instead).
    login = await session.get(LoginSession, principal.session, with_for_update=True)
    if login is not None and login.subject == principal.subject:
        await end_session(session=session, login=login, reason=LOGOUT)


async def revoke_sessions_of(*, session: AsyncSession, subject: str, reason: str) -> None:
    """Ends every session of `subject` (`user:<id>`) and refuses every token it was
    issued until now, session or not: its account was disabled, or its roles or its
    password changed. Call it in the transaction of the change."""
    now = utcnow()
    ended = await session.execute(
        update(LoginSession)
        .where(col(LoginSession.subject) == subject)
        .where(col(LoginSession.revoked_at).is_(None))
        .where(col(LoginSession.expires_at) > now)
        .values(revoked_at=now, revoked_reason=reason)
        .returning(col(LoginSession.id))
    )
    event = SessionRevoked(
        session_ids=list(ended.scalars()),
        subject=subject,
        # Tokens say `iat` in whole seconds: a sign-in just after the change, within the
        # same second, must still work. The sessions listed cover the tokens issued
        # before the change in that second.
        not_before=now.replace(microsecond=0),
        reason=reason,
        # A token of the subject issued before now, sessions or not, may live as long
        # as the gateway issues them for, at most what services replay.
        until=now + timedelta(seconds=REPLAY_SECONDS),
    )
    await publish(session, event, subject=subject)


async def revoke_credential(
    *, session: AsyncSession, subject: str, credential_id: str, reason: str
) -> None:
    """Refuses every token issued with an API client's credential (their `sid`), to the
    second: a client has no sessions, and a not-before in whole seconds would let a
    token issued in the second of the change live on."""
    event = SessionRevoked(
        session_ids=[credential_id],
        reason=reason,
        until=utcnow() + timedelta(seconds=REPLAY_SECONDS),
    )
    await publish(session, event, subject=subject)


def account_change(
    *, disabled: bool, roles_changed: bool, office_changed: bool, password_changed: bool
) -> str | None:
    """Why a change to an account ends its sessions, or None when it does not: what its
    tokens say (roles, office) or who may hold them (disabled, password) changed."""
    for reason, happened in (
        (DISABLED, disabled),
        (PASSWORD_CHANGED, password_changed),
        (ROLES_CHANGED, roles_changed),
        (OFFICE_CHANGED, office_changed),
    ):
        if happened:
            return reason
    return None
