"""The gateway's outermost ASGI layer: forwarded prefixes never touch FastAPI.

`/api/v1/<service>/...` for a configured service goes straight to the forwarder;
everything else (the gateway's own `/api/v1/auth/...`, `/api/openapi.json`, `/readyz`,
lifespan events) goes to the FastAPI app.
"""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Awaitable, Callable

from starlette.types import ASGIApp, Receive, Scope, Send

from apik_gateway.forwarding.service.client_address import CLIENT_KEY, ClientAddress
from apik_shared.platform.problems import PROBLEM_MEDIA_TYPE, NotFound, PayloadTooLarge, Problem

API_PREFIX = "/api/v1/"
# Prefixes the gateway serves itself; a service may not be configured under them.
OWN_PREFIXES = frozenset({"auth"})
Forward = Callable[[str, Scope, Receive, Send], Awaitable[None]]
_REQUEST_ID = re.compile(rb"[A-Za-z0-9._:-]{1,128}")


def declared_length(scope: Scope) -> int:
    """The request's Content-Length, or -1 when it has none (uvicorn refuses bad ones)."""
    for name, value in scope["headers"]:
        if name == b"content-length":
            return int(value) if value.isdigit() else -1
    return -1


def request_id_or_new(incoming: bytes | None, new: str | None = None) -> bytes:
    """The caller's X-Request-ID when it is sane (it lands in logs), else a new one
    (`new`, 32 random hex digits the caller already drew, or drawn here)."""
    if incoming is not None and _REQUEST_ID.fullmatch(incoming):
        return incoming
    return (new or secrets.token_hex(16)).encode()


async def send_problem(send: Send, problem: Problem, *, instance: str, request_id: bytes) -> None:
    body = json.dumps(problem.body(instance)).encode()
    headers = [
        (b"content-type", PROBLEM_MEDIA_TYPE.encode()),
        (b"content-length", str(len(body)).encode()),
        (b"x-request-id", request_id),
    ]
    headers += [
        (k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in problem.headers.items()
    ]
    await send({"type": "http.response.start", "status": problem.status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class Gateway:
    def __init__(
        self,
        *,
        api: ASGIApp,
        forward: Forward,
        services: frozenset[str],
        own_max_body_bytes: int | None = None,
        clients: ClientAddress | None = None,
    ) -> None:
        clash = services & OWN_PREFIXES
        if clash:
            raise ValueError(f"service names reserved by the gateway: {sorted(clash)}")
        self.api = api
        self.forward = forward
        self.services = services
        # The gateway's own routes read whole bodies before checking the caller's token:
        # a declared length over this is refused before a byte is read (the FastAPI app
        # enforces the same limit on bodies sent without a length).
        self.own_max_body_bytes = own_max_body_bytes
        self.clients = clients

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            path: str = scope["path"]
            if path.startswith(API_PREFIX):
                service = path[len(API_PREFIX) :].partition("/")[0]
                if service in self.services:
                    await self.forward(service, scope, receive, send)
                    return
                if service not in OWN_PREFIXES:
                    await self._refuse(
                        scope, send, NotFound(f"No service serves /api/v1/{service}/.")
                    )
                    return
            limit = self.own_max_body_bytes
            if limit is not None and declared_length(scope) > limit:
                await self._refuse(
                    scope, send, PayloadTooLarge(f"The body may be at most {limit} bytes.")
                )
                return
            if self.clients is not None:
                forwarded_for = dict(scope["headers"]).get(b"x-forwarded-for")
                scope[CLIENT_KEY] = self.clients.resolve(scope, receive, forwarded_for)
        await self.api(scope, receive, send)

    async def _refuse(self, scope: Scope, send: Send, problem: Problem) -> None:
        """Answers without the app (uvicorn drains any body the client still sends)."""
        incoming = dict(scope["headers"]).get(b"x-request-id")
        await send_problem(
            send, problem, instance=scope["path"], request_id=request_id_or_new(incoming)
        )
