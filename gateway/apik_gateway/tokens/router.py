"""Tokens and keys: `/api/v1/auth/token`, `/me`, `/keys/rotate`, and the JWKS."""

from __future__ import annotations

from typing import Annotated

from fastapi import Form, Request, Response

from apik_gateway.deps import Admin, CurrentSettings, Signer
from apik_gateway.tokens import service
from apik_gateway.tokens.schemas import Jwks, Me, RotatedKey, TokenResponse
from apik_shared.platform.auth import CurrentPrincipal
from apik_shared.platform.db import DbSession
from apik_shared.platform.problems import Forbidden, InvalidInput, Unauthorized, problem_responses
from apik_shared.platform.routing import ServiceRouter

router = ServiceRouter(prefix="/api/v1/auth", tags=["auth"])
# Where services and other systems fetch the public keys: a well-known path, no prefix.
jwks_router = ServiceRouter(tags=["auth"])

FormField = Annotated[str | None, Form()]


@router.post(
    "/token",
    response_model=TokenResponse,
    summary="Issue an access token (OAuth2 password or client credentials)",
    responses=problem_responses(service.UnsupportedGrantType, Unauthorized, InvalidInput),
)
async def issue_token(
    request: Request,
    response: Response,
    session: DbSession,
    settings: CurrentSettings,
    signer: Signer,
    grant_type: Annotated[str, Form()] = "password",
    username: FormField = None,
    password: FormField = None,
    client_id: FormField = None,
    client_secret: FormField = None,
    scope: FormField = None,  # accepted for OAuth2 clients that always send it; unused
) -> TokenResponse:
    subject = await service.authenticate(
        session=session,
        grant_type=grant_type,
        username=username,
        password=password,
        client_id=client_id,
        client_secret=client_secret,
        authorization=request.headers.get("authorization"),
    )
    response.headers["Cache-Control"] = "no-store"  # RFC 6749 §5.1
    return await service.issue_token(
        session=session,
        signer=signer,
        subject=subject,
        issuer=settings.jwt_issuer,
        audience=settings.jwt_audience,
        ttl_seconds=settings.token_ttl_seconds,
    )


@router.get("/me", response_model=Me, responses=problem_responses(Unauthorized))
async def whoami(principal: CurrentPrincipal) -> Me:
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
    summary="Make a new signing key active; old keys stay published until their tokens expire",
    responses=problem_responses(Unauthorized, Forbidden),
)
async def rotate_signing_key(
    session: DbSession, admin: Admin, settings: CurrentSettings
) -> RotatedKey:
    kid = await service.rotate_signing_key(
        session=session,
        actor=admin,
        secret_key=settings.secret_key,
        token_ttl_seconds=settings.token_ttl_seconds,
    )
    return RotatedKey(kid=kid)


@jwks_router.get("/.well-known/jwks.json", response_model=Jwks)
async def jwks(session: DbSession) -> Jwks:
    return Jwks.model_validate(await service.published_jwks(session=session))
