"""Tokens and keys: `/api/v1/auth/token`, `/logout`, `/me`, `/keys/rotate`, the JWKS."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Form, Request, Response
from fastapi.responses import JSONResponse
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from apik_gateway.deps import Admin, CurrentSettings, Signer
from apik_gateway.forwarding.service import ClientAddress
from apik_gateway.forwarding.service.client_address import CLIENT_KEY
from apik_gateway.tokens import service, views
from apik_gateway.tokens.schemas import Jwks, Me, RotatedKey, TokenResponse
from apik_shared.platform.auth import CurrentPrincipal
from apik_shared.platform.capabilities import capabilities_of
from apik_shared.platform.db import DbSession
from apik_shared.platform.problems import Forbidden, InvalidInput, Unauthorized, problem_responses
from apik_shared.platform.routing import ServiceRouter

router = ServiceRouter(prefix="/api/v1/auth", tags=["auth"])
# Where services and other systems fetch the public keys: a well-known path, no prefix.
jwks_router = ServiceRouter(tags=["auth"])

FormField = Annotated[str | None, Form()]


async def _own_sessions(request: Request) -> async_sessionmaker[AsyncSession]:
    # For what must outlive a refused request's rolled-back transaction: a failed
    # sign-in's count, a reused refresh token's ended session.
    sessions: async_sessionmaker[AsyncSession] = request.app.state.database.sessions
    return sessions


OwnSessions = Annotated[async_sessionmaker[AsyncSession], Depends(_own_sessions)]


def _client_address(request: Request) -> str:
    """Who signs in, for the throttle: the peer, or what a trusted proxy says it saw
    (the forwarder's judge of `X-Forwarded-For`), so that a header made up per attempt
    cannot pass for a new client."""
    if (resolved := request.scope.get(CLIENT_KEY)) is not None:
        return str(resolved)
    clients: ClientAddress = request.app.state.client_address
    forwarded_for = request.headers.get("x-forwarded-for")
    return clients.resolve(
        request.scope,
        request.receive,
        None if forwarded_for is None else forwarded_for.encode("latin-1"),
    )


@router.post(
    "/token",
    response_model=TokenResponse,
    response_model_exclude_none=True,
    summary="Issue tokens (OAuth2 password, client credentials or refresh token)",
    responses=problem_responses(
        service.UnsupportedGrantType, Unauthorized, InvalidInput, service.TooManyAttempts
    ),
)
async def issue_token(
    request: Request,
    response: Response,
    session: DbSession,
    sessions: OwnSessions,
    settings: CurrentSettings,
    signer: Signer,
    grant_type: Annotated[str, Form()] = "password",
    username: FormField = None,
    password: FormField = None,
    client_id: FormField = None,
    client_secret: FormField = None,
    refresh_token: FormField = None,
    scope: FormField = None,  # accepted for OAuth2 clients that always send it; unused
) -> TokenResponse:
    response.headers["Cache-Control"] = "no-store"  # RFC 6749 §5.1
    lifetimes = service.Lifetimes.from_settings(settings)
    if grant_type == "refresh_token":
        return await service.refresh(
            session=session,
            sessions=sessions,
            signer=signer,
            refresh_token=refresh_token,
            issuer=settings.jwt_issuer,
            audience=settings.jwt_audience,
            lifetimes=lifetimes,
        )
    signed_in = await service.authenticate(
        session=session,
        sessions=sessions,
        throttle=service.Throttle.from_settings(settings),
        address=_client_address(request),
        grant_type=grant_type,
        username=username,
        password=password,
        client_id=client_id,
        client_secret=client_secret,
        authorization=request.headers.get("authorization"),
    )
    return await service.sign_in(
        session=session,
        signer=signer,
        signed_in=signed_in,
        issuer=settings.jwt_issuer,
        audience=settings.jwt_audience,
        lifetimes=lifetimes,
    )


@router.post(
    "/logout",
    status_code=204,
    summary="End the session of the presented token; every service refuses it within seconds",
    responses=problem_responses(Unauthorized),
)
async def logout(session: DbSession, principal: CurrentPrincipal) -> Response:
    await service.logout(session=session, principal=principal)
    return Response(status_code=204)


@router.get("/me", response_model=Me, responses=problem_responses(Unauthorized))
async def whoami(principal: CurrentPrincipal) -> Me:
    return Me(
        subject=principal.subject,
        username=principal.username,
        office=principal.office,
        roles=sorted(principal.roles),
        kind=principal.kind,
        capabilities=capabilities_of(principal),
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


# Discovery (RFC 8414 and OpenID Connect Discovery): where the token endpoint and keys
# are and what they do, for clients and libraries that configure themselves from it.
_DISCOVERY_HEADERS = {"Cache-Control": "public, max-age=3600"}


@jwks_router.get("/.well-known/oauth-authorization-server", include_in_schema=False)
async def authorization_server_metadata(settings: CurrentSettings) -> JSONResponse:
    return JSONResponse(
        views.authorization_server_metadata(
            issuer=settings.jwt_issuer, public_url=settings.public_url
        ),
        headers=_DISCOVERY_HEADERS,
    )


@jwks_router.get("/.well-known/openid-configuration", include_in_schema=False)
async def openid_configuration(settings: CurrentSettings) -> JSONResponse:
    return JSONResponse(
        views.openid_configuration(issuer=settings.jwt_issuer, public_url=settings.public_url),
        headers=_DISCOVERY_HEADERS,
    )
