"""`/open311/v2/…`: the Open311 GeoReport v2 facade's public address.

Intake serves the facade (`/api/v1/intake/public/open311/v2/`); this route gives it the
spec's address and its key: `POST` must carry `api_key` in its form (never the URL),
which becomes the API client's token; a `GET` is public and goes as it came. The key
never reaches the service. Refusals here are the spec's error list, not problem+json.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import parse_qsl, urlencode

from fastapi import Depends, Request, Response
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.datastructures import UploadFile

from apik_gateway.deps import CurrentSettings, Signer
from apik_gateway.forwarding.service import Forwarder
from apik_gateway.forwarding.service.client_address import CLIENT_KEY
from apik_gateway.open311 import rules, service
from apik_gateway.open311.views import spec_error
from apik_gateway.tokens.service import Throttle, TooManyAttempts
from apik_shared.platform.db import DbSession
from apik_shared.platform.logs import request_id_var
from apik_shared.platform.routing import ServiceRouter

router = ServiceRouter(tags=["open311"], include_in_schema=False)
FORM = b"application/x-www-form-urlencoded"


async def _own_sessions(request: Request) -> async_sessionmaker[AsyncSession]:
    # A failed key's count must outlive the request's rolled-back transaction.
    sessions: async_sessionmaker[AsyncSession] = request.app.state.database.sessions
    return sessions


OwnSessions = Annotated[async_sessionmaker[AsyncSession], Depends(_own_sessions)]


@router.api_route("/open311/v2/{rest:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
async def open311_forward(
    rest: str,
    request: Request,
    session: DbSession,
    sessions: OwnSessions,
    settings: CurrentSettings,
    signer: Signer,
) -> Response:
    fmt = rules.format_of(request.url.path)
    forwarder: Forwarder = request.app.state.forwarder
    if rules.SERVICE not in forwarder.services:
        return spec_error(fmt, 404, "Open311 is not served here.")
    query_keys, query = rules.take_key(parse_qsl(request.url.query, keep_blank_values=True))
    upstream = service.Upstream(
        path=rules.upstream_path(request.url.path),
        query=urlencode(query).encode(),
        headers=list(request.scope["headers"]),
        request_id=request_id_var.get() or "",
    )
    if request.method != "POST":
        # Public reads (and what the facade refuses itself): no key asked, none passed.
        return service.Forwarded(forwarder, upstream, body=None)
    try:
        body_keys, body, content_type = await _form_without_key(request)
    except ValueError as why:
        return spec_error(fmt, 400, str(why))
    if query_keys:
        # A secret in a URL ends up in the logs of every proxy on the way: never taken.
        return spec_error(fmt, 403, "api_key: send it in the form body, not in the URL.")
    keys = body_keys
    if len(keys) != 1:
        said = "missing" if not keys else "given more than once"
        return spec_error(fmt, 403, f"api_key: {said}.")
    try:
        token = await service.client_token(
            session=session,
            sessions=sessions,
            throttle=Throttle.from_settings(settings),
            address=str(request.scope.get(CLIENT_KEY) or ""),
            signer=signer,
            api_key=keys[0],
            issuer=settings.jwt_issuer,
            audience=settings.jwt_audience,
        )
    except service.BadKey:
        return spec_error(fmt, 403, "api_key: not valid, or its client is disabled.")
    except TooManyAttempts as locked:
        wait = locked.headers.get("Retry-After", "60")
        return spec_error(
            fmt, 429, "api_key: too many failed attempts; wait.", {"Retry-After": wait}
        )
    return service.Forwarded(
        forwarder, upstream, body=body, bearer=token, content_type=content_type
    )


async def _form_without_key(request: Request) -> tuple[list[str], bytes, bytes | None]:
    """The `api_key`s of the body, and the body without them: the spec's url-encoded
    form, or a multipart form of fields (sent on url-encoded). Any other body goes as
    it came, keyless: the facade refuses it."""
    media = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
    raw = await request.body()
    if media == FORM.decode():
        try:
            pairs = parse_qsl(raw.decode("utf-8"), keep_blank_values=True)
        except UnicodeDecodeError:
            raise ValueError("The form is not UTF-8.") from None
    elif media == "multipart/form-data":
        form = await request.form()
        if any(isinstance(value, UploadFile) for _, value in form.multi_items()):
            raise ValueError("media: no uploads here; give media_url.")
        pairs = [(name, str(value)) for name, value in form.multi_items()]
    else:
        return [], raw, None
    keys, rest = rules.take_key(pairs)
    return keys, urlencode(rest).encode(), FORM
