"""The OAuth2 grants: who is asking (password, client credentials, or a refresh token),
and their token."""

from __future__ import annotations

import base64
import binascii
import secrets
import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import col

from apik_gateway.models import ApiClient, User
from apik_gateway.tokens.schemas import TokenResponse
from apik_gateway.tokens.service.keys import TokenSigner
from apik_gateway.tokens.service.login_sessions import (
    Lifetimes,
    RefreshRefused,
    open_session,
    rotate_refresh_token,
)
from apik_gateway.tokens.service.passwords import verify_secret
from apik_gateway.tokens.service.throttle import (
    Attempt,
    Throttle,
    begin_attempt,
    succeed_attempt,
)
from apik_shared.platform.problems import InvalidInput, Problem, Unauthorized
from apik_shared.vocabulary.field_errors import invalid


class InvalidCredentials(Unauthorized):
    """The username and password (or client id and secret, or refresh token) are not
    valid, or the account is disabled; which one is never said."""

    slug, title = "invalid-credentials", "The credentials are not valid"
    indonesian_title = "Kredensial tidak valid"


class UnsupportedGrantType(Problem):
    """The token endpoint takes the grant types `password`, `client_credentials` and
    `refresh_token` (see `/.well-known/oauth-authorization-server`)."""

    status, slug, title = 400, "unsupported-grant-type", "The grant type is not supported"
    indonesian_title = "Jenis grant tidak didukung"


@dataclass(frozen=True)
class Subject:
    """Whoever a token is issued to."""

    sub: str
    username: str
    office: str
    roles: list[str]
    kind: str
    # A client's current credential (its tokens' `sid`); users get a session's instead.
    credential_id: str | None = None
    # A user's full name (the token's `name`, what documents print); none for clients.
    name: str | None = None


@dataclass(frozen=True)
class SignedIn:
    subject: Subject
    # Attempts on the account refused since its last sign-in (password grant only).
    failed_attempts: int | None = None


# One message for an unknown name and a wrong secret, so neither reveals which it was.
# The grants the token endpoint takes (OAuth discovery publishes the same list).
GRANT_TYPES = ("password", "client_credentials", "refresh_token")
# How a client may present its secret with `client_credentials`.
CLIENT_AUTH_METHODS = ("client_secret_basic", "client_secret_post")

_WRONG_PASSWORD = "The username or password is wrong, or the account is disabled."
_WRONG_CLIENT = "The client id or secret is wrong, or the client is disabled."
_REFRESH_REFUSED = "The refresh token is not valid: sign in again."


async def authenticate_user(*, session: AsyncSession, username: str, password: str) -> Subject:
    user = (
        await session.execute(select(User).where(col(User.username) == username.strip().lower()))
    ).scalar_one_or_none()
    if not await verify_secret(user.password_hash if user else None, password) or user is None:
        raise InvalidCredentials(_WRONG_PASSWORD, error="invalid_grant")
    if user.disabled:
        raise InvalidCredentials(_WRONG_PASSWORD, error="invalid_grant")
    return user_subject(user)


def user_subject(user: User) -> Subject:
    return Subject(
        f"user:{user.id}",
        user.username,
        user.office,
        list(user.roles),
        "user",
        name=user.full_name or None,
    )


async def authenticate_client(*, session: AsyncSession, client_id: str, secret: str) -> Subject:
    client = await session.get(ApiClient, client_id) if len(client_id) <= 36 else None
    if not await verify_secret(client.secret_hash if client else None, secret) or client is None:
        raise InvalidCredentials(_WRONG_CLIENT, error="invalid_client")
    if client.disabled:
        raise InvalidCredentials(_WRONG_CLIENT, error="invalid_client")
    return Subject(
        f"client:{client.id}",
        client.name,
        client.office,
        list(client.roles),
        "client",
        credential_id=client.credential_id,
    )


def _missing(*fields: tuple[str, str | None]) -> InvalidInput | None:
    # pydantic's own refusal of a missing field, as the form's other fields would have it.
    refused = [
        (f"#/body/{name}", invalid("missing", "Field required")) for name, v in fields if not v
    ]
    if not refused:
        return None
    return InvalidInput.each(refused)


async def authenticate(
    *,
    session: AsyncSession,
    sessions: async_sessionmaker[AsyncSession],
    throttle: Throttle,
    address: str,
    grant_type: str,
    username: str | None,
    password: str | None,
    client_id: str | None,
    client_secret: str | None,
    authorization: str | None,
) -> SignedIn:
    """Who the token is for, by the grant: a user's password, or a client's secret
    (in the form or by HTTP Basic). Both are throttled per name and per address
    (`throttle`): a locked one is refused before its secret is checked."""
    if grant_type == "password":
        if problem := _missing(("username", username), ("password", password)):
            raise problem
        assert username is not None and password is not None
        attempt = Attempt(throttle, account=username.strip().lower(), address=address)
        await begin_attempt(sessions, attempt)
        user = await authenticate_user(session=session, username=username, password=password)
        return SignedIn(user, failed_attempts=await succeed_attempt(sessions, attempt))
    if grant_type == "client_credentials":
        client_id, client_secret = basic_credentials(authorization) or (client_id, client_secret)
        if problem := _missing(("client_id", client_id), ("client_secret", client_secret)):
            raise problem
        assert client_id is not None and client_secret is not None
        attempt = Attempt(throttle, account=f"client:{client_id}", address=address)
        await begin_attempt(sessions, attempt)
        client = await authenticate_client(
            session=session, client_id=client_id, secret=client_secret
        )
        await succeed_attempt(sessions, attempt)
        return SignedIn(client)
    raise UnsupportedGrantType(
        f"Use grant_type {', '.join(GRANT_TYPES[:-1])} or {GRANT_TYPES[-1]}.",
        error="unsupported_grant_type",
    )


def basic_credentials(authorization: str | None) -> tuple[str, str] | None:
    """`client_id:client_secret` from an HTTP Basic header (RFC 6749 §2.3.1)."""
    scheme, _, encoded = (authorization or "").partition(" ")
    if scheme.lower() != "basic" or not encoded:
        return None
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        return None
    client_id, sep, secret = decoded.partition(":")
    return (client_id, secret) if sep else None


async def sign_in(
    *,
    session: AsyncSession,
    signer: TokenSigner,
    signed_in: SignedIn,
    issuer: str,
    audience: str,
    lifetimes: Lifetimes,
) -> TokenResponse:
    """The tokens of a sign-in: a user gets a session (`sid`) and a refresh token; a
    client, which can sign in again with its secret at any time, only an access token
    (RFC 6749 §4.4.3)."""
    subject = signed_in.subject
    if subject.kind != "user":
        return await issue_token(
            session=session,
            signer=signer,
            subject=subject,
            issuer=issuer,
            audience=audience,
            ttl_seconds=lifetimes.access_seconds,
            sid=subject.credential_id,
        )
    login, refresh_token = await open_session(
        session=session, subject=subject.sub, lifetimes=lifetimes
    )
    response = await issue_token(
        session=session,
        signer=signer,
        subject=subject,
        issuer=issuer,
        audience=audience,
        ttl_seconds=lifetimes.access_seconds,
        sid=login.id,
    )
    response.refresh_token = refresh_token
    response.failed_attempts_since_last_login = signed_in.failed_attempts
    return response


async def refresh(
    *,
    session: AsyncSession,
    sessions: async_sessionmaker[AsyncSession],
    signer: TokenSigner,
    refresh_token: str | None,
    issuer: str,
    audience: str,
    lifetimes: Lifetimes,
) -> TokenResponse:
    """`grant_type=refresh_token`: the token is spent for a new one in the same session,
    with an access token saying what the account holds now."""
    if problem := _missing(("refresh_token", refresh_token)):
        raise problem
    assert refresh_token is not None
    try:
        login, new_token = await rotate_refresh_token(
            session=session, sessions=sessions, token=refresh_token, lifetimes=lifetimes
        )
    except RefreshRefused:
        raise InvalidCredentials(_REFRESH_REFUSED, error="invalid_grant") from None
    user = await session.get(User, login.subject.removeprefix("user:"))
    if user is None or user.disabled:
        raise InvalidCredentials(_REFRESH_REFUSED, error="invalid_grant")
    response = await issue_token(
        session=session,
        signer=signer,
        subject=user_subject(user),
        issuer=issuer,
        audience=audience,
        ttl_seconds=lifetimes.access_seconds,
        sid=login.id,
    )
    response.refresh_token = new_token
    return response


async def issue_token(
    *,
    session: AsyncSession,
    signer: TokenSigner,
    subject: Subject,
    issuer: str,
    audience: str,
    ttl_seconds: int,
    sid: str | None = None,
) -> TokenResponse:
    now = int(time.time())
    claims: dict[str, Any] = {
        "sub": subject.sub,
        "preferred_username": subject.username,
        "office": subject.office,
        "roles": subject.roles,
        "kind": subject.kind,
        "iss": issuer,
        "aud": audience,
        "iat": now,
        "exp": now + ttl_seconds,
        "jti": secrets.token_hex(16),
    }
    if subject.name:
        claims["name"] = subject.name  # OpenID's standard claim
    if sid is not None:
        claims["sid"] = sid  # what logout and revocations end (OpenID's `sid`)
    token = await signer.sign(session, claims)
    return TokenResponse(access_token=token, expires_in=ttl_seconds)
