"""Tokens and keys: `/api/v1/auth/token`, `/me`, `/keys/rotate`, and the JWKS."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request, Response

from apik_gateway import keys
from apik_gateway.schemas import Jwks, Me, RotatedKey, TokenResponse
from apik_gateway.settings import Settings
from apik_gateway.tokens import (
    UnsupportedGrantType,
    authenticate_client,
    authenticate_user,
    basic_credentials,
    issue_token,
)
from apik_shared.auth import CurrentPrincipal, Principal, Role, require_roles
from apik_shared.db import DbSession, TransactionalRoute
from apik_shared.problems import Forbidden, InvalidInput, Unauthorized, problem_responses

router = APIRouter(prefix="/api/v1/auth", tags=["auth"], route_class=TransactionalRoute)
jwks_router = APIRouter(tags=["auth"], route_class=TransactionalRoute)

Admin = Annotated[Principal, Depends(require_roles(Role.admin))]
FormField = Annotated[str | None, Form()]


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def _missing(*fields: tuple[str, str | None]) -> InvalidInput | None:
    errors = [
        {"pointer": f"#/body/{name}", "detail": "Field required"}
        for name, value in fields
        if not value
    ]
    if not errors:
        return None
    return InvalidInput("Invalid fields: " + ", ".join(e["pointer"] for e in errors), errors=errors)


@router.post(
    "/token",
    response_model=TokenResponse,
    operation_id="issue_token",
    summary="Issue an access token (OAuth2 password or client credentials)",
    responses=problem_responses(UnsupportedGrantType, Unauthorized, InvalidInput),
)
async def token(
    request: Request,
    response: Response,
    session: DbSession,
    grant_type: Annotated[str, Form()] = "password",
    username: FormField = None,
    password: FormField = None,
    client_id: FormField = None,
    client_secret: FormField = None,
    scope: FormField = None,  # accepted for OAuth2 clients that always send it; unused
) -> TokenResponse:
    if grant_type == "password":
        if problem := _missing(("username", username), ("password", password)):
            raise problem
        assert username is not None and password is not None
        subject = await authenticate_user(session, username=username, password=password)
    elif grant_type == "client_credentials":
        basic = basic_credentials(request.headers.get("authorization"))
        client_id, client_secret = basic or (client_id, client_secret)
        if problem := _missing(("client_id", client_id), ("client_secret", client_secret)):
            raise problem
        assert client_id is not None and client_secret is not None
        subject = await authenticate_client(session, client_id=client_id, secret=client_secret)
    else:
        raise UnsupportedGrantType(
            "Use grant_type password or client_credentials.", error="unsupported_grant_type"
        )
    settings = _settings(request)
    response.headers["Cache-Control"] = "no-store"  # RFC 6749 §5.1
    return await issue_token(
        session,
        signer=request.app.state.signer,
        subject=subject,
        issuer=settings.jwt_issuer,
        audience=settings.jwt_audience,
        ttl_seconds=settings.token_ttl_seconds,
    )


@router.get(
    "/me", response_model=Me, operation_id="whoami", responses=problem_responses(Unauthorized)
)
async def me(principal: CurrentPrincipal) -> Me:
    return Me(
        subject=principal.subject,
        username=principal.username,
        office=principal.office,
        roles=sorted(principal.roles),
        kind=principal.kind,
    )


@router.post(
    "/keys/rotate",
    response_model=RotatedKey,
    operation_id="rotate_signing_key",
    summary="Make a new signing key active; old keys stay published until their tokens expire",
    responses=problem_responses(Unauthorized, Forbidden),
)
async def rotate_key(request: Request, session: DbSession, admin: Admin) -> RotatedKey:
    if not admin.is_national:
        raise Forbidden("Only a national admin rotates the platform's signing key.")
    settings = _settings(request)
    kid = await keys.rotate(
        session,
        secret_key=settings.secret_key,
        # A minute of margin for clocks that disagree a little.
        retire_after=timedelta(seconds=settings.token_ttl_seconds + 60),
    )
    return RotatedKey(kid=kid)


@jwks_router.get("/.well-known/jwks.json", response_model=Jwks, operation_id="jwks")
async def jwks(session: DbSession) -> Jwks:
    return Jwks.model_validate(await keys.published_jwks(session))
