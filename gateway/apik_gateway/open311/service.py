"""The Open311 key turned into a token, and the request handed to the forwarder.

`api_key` is an API client's id and secret (`<client_id>:<client_secret>`), checked as
the client-credentials grant checks them, throttle included; the service then gets the
client's ordinary signed token and authorises it like any client. The forwarding is the
edge's own (`forwarding/service/proxy.py`): replicas, the public paths' rate limit,
request id and trace context are the same as for `/api/v1/intake/…`.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.responses import Response
from starlette.types import Message, Receive, Scope, Send

from apik_gateway.forwarding.service import Forwarder
from apik_gateway.open311 import rules
from apik_gateway.tokens.service import Throttle, TokenSigner, authenticate, issue_token
from apik_gateway.tokens.service.grants import InvalidCredentials
from apik_shared.platform.problems import InvalidInput

# Not forwarded: the gateway sets them anew, or they are the browser's and not the app's.
_DROPPED = {
    b"authorization",
    b"cookie",
    b"content-length",
    b"transfer-encoding",
    b"x-request-id",
}


class BadKey(Exception):
    """The `api_key` is missing, not of the key's shape, or does not open a client."""


async def client_token(
    *,
    session: AsyncSession,
    sessions: async_sessionmaker[AsyncSession],
    throttle: Throttle,
    address: str,
    signer: TokenSigner,
    api_key: str | None,
    issuer: str,
    audience: str,
) -> str:
    """A short-lived access token for the API client the key names. A disabled client,
    a wrong secret and an unknown id fail alike (`BadKey`); repeated failures lock the
    client id and the address as failed sign-ins do (`TooManyAttempts`)."""
    parts = rules.split_key(api_key or "")
    if parts is None:
        raise BadKey()
    client_id, secret = parts
    try:
        signed_in = await authenticate(
            session=session,
            sessions=sessions,
            throttle=throttle,
            address=address,
            grant_type="client_credentials",
            username=None,
            password=None,
            client_id=client_id,
            client_secret=secret,
            authorization=None,
        )
    except (InvalidCredentials, InvalidInput):
        raise BadKey() from None
    subject = signed_in.subject
    token = await issue_token(
        session=session,
        signer=signer,
        subject=subject,
        issuer=issuer,
        audience=audience,
        ttl_seconds=rules.TOKEN_SECONDS,
        sid=subject.credential_id,
    )
    return token.access_token


@dataclass(frozen=True)
class Upstream:
    """Where the request goes at the service, and with which head."""

    path: str
    query: bytes
    headers: list[tuple[bytes, bytes]]
    request_id: str  # the gateway's, so that the service logs under the same


class Forwarded(Response):
    """The request, rewritten for the service, sent by the forwarder when the response
    is due (after the route's transaction has committed the throttle and key use)."""

    def __init__(
        self,
        forwarder: Forwarder,
        upstream: Upstream,
        *,
        body: bytes | None,
        bearer: str | None = None,
        content_type: bytes | None = None,
    ) -> None:
        super().__init__()
        self.forwarder = forwarder
        self.path, self.query, self.body_bytes = upstream.path, upstream.query, body
        kept = [(n, v) for n, v in upstream.headers if n not in _DROPPED]
        if content_type is not None:
            kept = [(n, v) for n, v in kept if n != b"content-type"]
            kept.append((b"content-type", content_type))
        if body is not None:
            kept.append((b"content-length", str(len(body)).encode()))
        if bearer is not None:
            kept.append((b"authorization", b"Bearer " + bearer.encode()))
        kept.append((b"x-request-id", upstream.request_id.encode()))
        self.forward_headers = kept

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        upstream = {
            **scope,
            "path": self.path,
            "raw_path": self.path.encode(),
            "query_string": self.query,
            "headers": self.forward_headers,
        }
        given = False

        async def body(*_: object) -> Message:
            nonlocal given
            if not given and self.body_bytes is not None:
                given = True
                return {"type": "http.request", "body": self.body_bytes, "more_body": False}
            return await receive()  # the client's disconnect, if it goes

        async def without_request_id(message: Message) -> None:
            # The gateway's middleware adds the request id to this answer itself.
            if message["type"] == "http.response.start":
                headers = [(n, v) for n, v in message["headers"] if n != b"x-request-id"]
                message = {**message, "headers": headers}
            await send(message)

        await self.forwarder(rules.SERVICE, upstream, body, without_request_id)
