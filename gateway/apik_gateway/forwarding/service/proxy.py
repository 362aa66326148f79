"""Forwarding `/api/v1/<service>/...` to the service: the gateway's hot path.

Plain ASGI over `upstream.py`: no routing, no dependencies, no per-request task unless a
response is long enough to be streamed. Bodies flow through chunk by chunk both ways.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections.abc import Mapping

from prometheus_client import Counter, Histogram
from starlette.types import Receive, Scope, Send

from apik_gateway.forwarding.service.client_address import ClientAddress
from apik_gateway.forwarding.service.edge import send_problem
from apik_gateway.forwarding.service.ratelimit import SharedRateLimit
from apik_gateway.forwarding.service.request_head import (
    CHUNKED,
    HOP_BY_HOP,
    NO_BODY,
    build_request_head,
)
from apik_gateway.forwarding.service.upstream import (
    ConnectFailed,
    UpstreamBroken,
    UpstreamConnection,
    UpstreamError,
    UpstreamPool,
    UpstreamTimeout,
)
from apik_shared.platform.logs import request_id_var, trace_id_var
from apik_shared.platform.problems import (
    BadGateway,
    GatewayTimeout,
    PayloadTooLarge,
    Problem,
    TooManyRequests,
)
from apik_shared.platform.tracing import Tracer, end

FORWARDED = Counter("apik_gateway_forwarded_total", "Forwarded requests", ["service", "status"])
FORWARD_SECONDS = Histogram(
    "apik_gateway_forward_seconds",
    "Forwarded request duration",
    ["service"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 30),
)
access_log = logging.getLogger("apik.access")

# uvicorn adds its own date and server; the request id is added once, below.
_RESPONSE_DROPPED = HOP_BY_HOP | {b"date", b"server", b"x-request-id"}
# Safe to resend when a kept-alive connection turns out to be closed by the service.
_RETRYABLE = frozenset({"GET", "HEAD", "OPTIONS", "DELETE"})
CLIENT_CLOSED = 499  # nginx's code in logs and metrics for a client that went away


class _ClientGone(Exception):
    pass


class Forwarder:
    def __init__(
        self,
        *,
        service_urls: Mapping[str, str],
        max_body_bytes: int,
        read_timeout: float,
        connect_timeout: float,
        max_idle: int,
        idle_seconds: float,
        public_limit: SharedRateLimit,
        clients: ClientAddress,
        access_log: bool = False,
        tracer: Tracer | None = None,
    ) -> None:
        self.tracer = tracer
        self.pools = {
            name: UpstreamPool(
                url,
                connect_timeout=connect_timeout,
                read_timeout=read_timeout,
                max_idle=max_idle,
                idle_seconds=idle_seconds,
            )
            for name, url in service_urls.items()
        }
        self.max_body_bytes = max_body_bytes
        self.read_timeout = read_timeout
        self.public_limit = public_limit
        self.clients = clients
        self.access_log = access_log
        self._latency = {name: FORWARD_SECONDS.labels(name) for name in self.pools}
        self._counters: dict[tuple[str, int], Counter] = {}

    def close(self) -> None:
        self.public_limit.close()
        for pool in self.pools.values():
            pool.close()

    async def __call__(self, service: str, scope: Scope, receive: Receive, send: Send) -> None:
        started = time.perf_counter()
        pool = self.pools[service]
        head, body_mode, request_id, trace_parent, client, span = build_request_head(
            scope, pool.host_header, receive, self.clients, self.tracer
        )
        try:
            if self._is_public(service, scope["path"]):
                await self._limit(client)
            if body_mode > self.max_body_bytes:
                raise PayloadTooLarge(f"The body may be at most {self.max_body_bytes} bytes.")
            status, by_service = await self._exchange(
                pool, scope, head, body_mode, request_id, receive, send
            )
        except Problem as problem:
            # Any body not read yet is drained by uvicorn, not cut off: closing on a
            # client still sending resets the connection and loses this very answer.
            status, by_service = problem.status, False
            await send_problem(send, problem, instance=scope["path"], request_id=request_id)
        self._observe(service, status, time.perf_counter() - started)
        if span is not None:
            span.set_attribute("apik.service", service)
            end(span, status=status)
        # The service logs every request it answers, under the same request id; the
        # gateway adds a line for what it decided itself (429, 413, 502, 504, 499).
        if self.access_log or not by_service:
            self._log(scope, status, time.perf_counter() - started, request_id, trace_parent)

    @staticmethod
    def _is_public(service: str, path: str) -> bool:
        rest = path[len("/api/v1/") + len(service) :]
        return rest == "/public" or rest.startswith("/public/")

    async def _limit(self, client: str) -> None:
        wait = await self.public_limit.take(client)
        if wait > 0:
            raise TooManyRequests(
                "Too many requests from your address; slow down.",
                headers={"Retry-After": str(math.ceil(wait))},
            )

    async def _exchange(
        self,
        pool: UpstreamPool,
        scope: Scope,
        head: bytes,
        body_mode: int,
        request_id: bytes,
        receive: Receive,
        send: Send,
    ) -> tuple[int, bool]:
        """Sends the request, relays the response: its status, and whether the service
        answered (rather than the gateway giving up)."""
        retryable = body_mode == NO_BODY and scope["method"] in _RETRYABLE
        try:
            while True:
                conn, reused = await pool.acquire()
                try:
                    await self._send_request(conn, head, body_mode, receive)
                    await conn.read_head()
                    break
                except UpstreamBroken:
                    conn.abort()
                    # A kept-alive connection the service closed just as we sent: once more.
                    if reused and retryable and not conn.received_any:
                        continue
                    raise
                except BaseException:
                    conn.abort()
                    raise
        except ConnectFailed as exc:
            raise BadGateway(f"The service is unreachable: {exc}.") from exc
        except UpstreamTimeout as exc:
            raise GatewayTimeout(
                f"The service did not answer within {self.read_timeout:g} s."
            ) from exc
        except UpstreamError as exc:
            raise BadGateway(f"The service failed: {exc}.") from exc
        except _ClientGone:
            return CLIENT_CLOSED, False
        return await self._relay_response(pool, conn, scope, request_id, receive, send)

    async def _send_request(
        self, conn: UpstreamConnection, head: bytes, body_mode: int, receive: Receive
    ) -> None:
        if body_mode <= 0 and body_mode != CHUNKED:
            conn.write(head)
            return
        chunked = body_mode == CHUNKED
        sent, first, more = 0, True, True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                raise _ClientGone()
            body: bytes = message.get("body", b"")
            more = message.get("more_body", False)
            sent += len(body)
            if sent > self.max_body_bytes:
                raise PayloadTooLarge(f"The body may be at most {self.max_body_bytes} bytes.")
            if chunked:
                data = b"%x\r\n%b\r\n" % (len(body), body) if body else b""
                data = data + b"0\r\n\r\n" if not more else data
            else:
                data = body
            # The head goes out with the first chunk: one write for a small request.
            conn.write(head + data if first else data)
            first = False
            if more:
                await conn.drain()

    async def _relay_response(
        self,
        pool: UpstreamPool,
        conn: UpstreamConnection,
        scope: Scope,
        request_id: bytes,
        receive: Receive,
        send: Send,
    ) -> tuple[int, bool]:
        headers = [(n, v) for n, v in conn.headers if n not in _RESPONSE_DROPPED]
        headers.append((b"x-request-id", request_id))
        await send({"type": "http.response.start", "status": conn.status, "headers": headers})
        if scope["method"] == "HEAD":  # no body follows, whatever the headers announce
            await send({"type": "http.response.body", "body": b""})
            conn.close()
            return conn.status, True
        body = conn.take_body()
        if conn.complete:
            await send({"type": "http.response.body", "body": body})
            pool.release(conn)
            return conn.status, True
        return await self._stream_response(pool, conn, body, receive, send)

    async def _stream_response(
        self,
        pool: UpstreamPool,
        conn: UpstreamConnection,
        body: bytes,
        receive: Receive,
        send: Send,
    ) -> tuple[int, bool]:
        # Only long responses pay for a watcher: it stops reading the service's answer
        # once the client has gone.
        watcher = asyncio.ensure_future(_abort_on_disconnect(receive, conn))
        try:
            if body:
                await send({"type": "http.response.body", "body": body, "more_body": True})
            while True:
                body = await conn.next_body()
                if conn.complete:
                    break
                await send({"type": "http.response.body", "body": body, "more_body": True})
        except UpstreamError as exc:
            conn.abort()
            if watcher.done():
                return CLIENT_CLOSED, False
            # Too late for a problem response: closing the connection tells the client
            # (and uvicorn logs that the response was incomplete).
            access_log.warning("the service failed while streaming: %s", exc)
            return (504 if isinstance(exc, UpstreamTimeout) else 502), False
        finally:
            watcher.cancel()
        await send({"type": "http.response.body", "body": body})
        pool.release(conn)
        return conn.status, True

    def _observe(self, service: str, status: int, seconds: float) -> None:
        counter = self._counters.get((service, status))
        if counter is None:
            counter = self._counters[(service, status)] = FORWARDED.labels(service, str(status))
        counter.inc()
        self._latency[service].observe(seconds)

    def _log(
        self, scope: Scope, status: int, seconds: float, request_id: bytes, trace_parent: str
    ) -> None:
        rid_token = request_id_var.set(request_id.decode())
        tid_token = trace_id_var.set(trace_parent[3:35])
        access_log.info(
            "%s %s %s",
            scope["method"],
            scope["path"],
            status,
            extra={
                "method": scope["method"],
                "path": scope["path"],
                "status": status,
                "duration_ms": round(seconds * 1000, 2),
            },
        )
        request_id_var.reset(rid_token)
        trace_id_var.reset(tid_token)


async def _abort_on_disconnect(receive: Receive, conn: UpstreamConnection) -> None:
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            if not conn.complete:
                conn.abort()
            return
