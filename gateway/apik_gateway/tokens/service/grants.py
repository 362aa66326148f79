"""The OAuth2 grants: who is asking (password or client credentials), and their token."""

from __future__ import annotations

import base64
import binascii
import secrets
import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from apik_gateway.models import ApiClient, User
from apik_gateway.tokens.schemas import TokenResponse
from apik_gateway.tokens.service.keys import TokenSigner
from apik_gateway.tokens.service.passwords import verify_secret
from apik_shared.platform.problems import InvalidInput, Problem, Unauthorized


class InvalidCredentials(Unauthorized):
    slug, title = "invalid-credentials", "The credentials are not valid"


class UnsupportedGrantType(Problem):
    status, slug, title = 400, "unsupported-grant-type", "The grant type is not supported"


@dataclass(frozen=True)
class Subject:
    """Whoever a token is issued to."""

    sub: str
    username: str
    office: str
    roles: list[str]
    kind: str


# One message for an unknown name and a wrong secret, so neither reveals which it was.
_WRONG_PASSWORD = "The username or password is wrong, or the account is disabled."
_WRONG_CLIENT = "The client id or secret is wrong, or the client is disabled."


async def authenticate_user(*, session: AsyncSession, username: str, password: str) -> Subject:
    user = (
        await session.execute(select(User).where(col(User.username) == username.strip().lower()))
    ).scalar_one_or_none()
    if not await verify_secret(user.password_hash if user else None, password) or user is None:
        raise InvalidCredentials(_WRONG_PASSWORD, error="invalid_grant")
    if user.disabled:
        raise InvalidCredentials(_WRONG_PASSWORD, error="invalid_grant")
    return Subject(f"user:{user.id}", user.username, user.office, list(user.roles), "user")


async def authenticate_client(*, session: AsyncSession, client_id: str, secret: str) -> Subject:
    client = await session.get(ApiClient, client_id) if len(client_id) <= 36 else None
    if not await verify_secret(client.secret_hash if client else None, secret) or client is None:
        raise InvalidCredentials(_WRONG_CLIENT, error="invalid_client")
    if client.disabled:
        raise InvalidCredentials(_WRONG_CLIENT, error="invalid_client")
    return Subject(f"client:{client.id}", client.name, client.office, list(client.roles), "client")


def _missing(*fields: tuple[str, str | None]) -> InvalidInput | None:
    errors = [
        {"pointer": f"#/body/{name}", "detail": "Field required"}
        for name, value in fields
        if not value
    ]
    if not errors:
        return None
    return InvalidInput("Invalid fields: " + ", ".join(e["pointer"] for e in errors), errors=errors)


async def authenticate(
    *,
    session: AsyncSession,
    grant_type: str,
    username: str | None,
    password: str | None,
    client_id: str | None,
    client_secret: str | None,
    authorization: str | None,
) -> Subject:
    """Who the token is for, by the grant: a user's password, or a client's secret
    (in the form or by HTTP Basic)."""
    if grant_type == "password":
        if problem := _missing(("username", username), ("password", password)):
            raise problem
        assert username is not None and password is not None
        return await authenticate_user(session=session, username=username, password=password)
    if grant_type == "client_credentials":
        client_id, client_secret = basic_credentials(authorization) or (client_id, client_secret)
        if problem := _missing(("client_id", client_id), ("client_secret", client_secret)):
            raise problem
        assert client_id is not None and client_secret is not None
        return await authenticate_client(session=session, client_id=client_id, secret=client_secret)
    raise UnsupportedGrantType(
        "Use grant_type password or client_credentials.", error="unsupported_grant_type"
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


async def issue_token(
    *,
    session: AsyncSession,
    signer: TokenSigner,
    subject: Subject,
    issuer: str,
    audience: str,
    ttl_seconds: int,
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
    token = await signer.sign(session, claims)
    return TokenResponse(access_token=token, expires_in=ttl_seconds)
