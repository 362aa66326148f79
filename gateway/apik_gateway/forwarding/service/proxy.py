"""Forwarding `/api/v1/<service>/...` to the service: the gateway's hot path.

Plain ASGI over `upstream.py`: no routing, no dependencies, no per-request task unless a
response is long enough to be streamed. Bodies flow through chunk by chunk both ways.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections.abc import Mapping, Sequence

from prometheus_client import Counter, Histogram
from starlette.types import Receive, Scope, Send

from apik_gateway.forwarding.rules import IDEMPOTENT_METHODS, may_resend, replicas_by_service
from apik_gateway.forwarding.service.client_address import ClientAddress
from apik_gateway.forwarding.service.edge import send_problem
from apik_gateway.forwarding.service.ratelimit import SharedRateLimit
from apik_gateway.forwarding.service.replicas import Replicas
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
# A body kept for sending to another replica, at most: a larger one is not resent.
_RESEND_MAX_BYTES = 1024 * 1024
# A response whose announced body is at most this long is read whole before it is
# relayed (below the upstream's pause mark, so reading never stalls); longer ones stream.
_WHOLE_MAX_BYTES = 64 * 1024
CLIENT_CLOSED = 499  # nginx's code in logs and metrics for a client that went away


class _ClientGone(Exception):
    pass


class _SentBody:
    """The body's bytes as sent to one replica, to send them to another."""

    def __init__(self) -> None:
        self.chunks: list[bytes] = []
        self.size = 0
        self.complete = False  # every byte kept, the last included
        self.dropped = False  # too large to keep

    def keep(self, data: bytes, *, last: bool) -> None:
        if self.dropped:
            return
        self.size += len(data)
        if self.size > _RESEND_MAX_BYTES:
            self.chunks, self.dropped = [], True
            return
        self.chunks.append(data)
        self.complete = last


def _may_resend_sent(scope: Scope) -> bool:
    """Whether this request, once sent, may be sent to another replica."""
    keyed = any(name == b"idempotency-key" for name, _ in scope["headers"])
    return may_resend(scope["method"], has_idempotency_key=keyed, sent=True)


class Forwarder:
    def __init__(
        self,
        *,
        service_urls: Mapping[str, str | Sequence[str]],
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
        self.services = {
            name: Replicas(
                urls,
                connect_timeout=connect_timeout,
                read_timeout=read_timeout,
                max_idle=max_idle,
                idle_seconds=idle_seconds,
            )
            for name, urls in replicas_by_service(service_urls).items()
        }
        self.max_body_bytes = max_body_bytes
        self.read_timeout = read_timeout
        self.public_limit = public_limit
        self.clients = clients
        self.access_log = access_log
        self._latency = {name: FORWARD_SECONDS.labels(name) for name in self.services}
        self._counters: dict[tuple[str, int], Counter] = {}

    def close(self) -> None:
        self.public_limit.close()
        for replicas in self.services.values():
            replicas.close()

    async def __call__(self, service: str, scope: Scope, receive: Receive, send: Send) -> None:
        started = time.perf_counter()
        replicas = self.services[service]
        head, body_mode, request_id, trace_parent, client, span = build_request_head(
            scope, replicas.host_header, receive, self.clients, self.tracer
        )
        try:
            if self._is_public(service, scope["path"]):
                await self._limit(client)
            if body_mode > self.max_body_bytes:
                raise PayloadTooLarge(f"The body may be at most {self.max_body_bytes} bytes.")
            status, by_service = await self._exchange(
                replicas, scope, head, body_mode, request_id, receive, send
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
        replicas: Replicas,
        scope: Scope,
        head: bytes,
        body_mode: int,
        request_id: bytes,
        receive: Receive,
        send: Send,
    ) -> tuple[int, bool]:
        """Sends the request, relays the response: its status, and whether the service
        answered (rather than the gateway giving up). A replica that cannot be reached
        passes the request to the next (`rules.may_resend`)."""
        method = scope["method"]
        pools = replicas.order()
        # A body is kept (up to a limit) only where a second replica could get it again.
        sent_body: _SentBody | None = None
        if len(pools) > 1 and body_mode != NO_BODY and _may_resend_sent(scope):
            sent_body = _SentBody()
        index = 0
        try:
            while True:
                pool = pools[index]
                try:
                    conn, reused = await pool.acquire()
                except ConnectFailed:
                    # Nothing reached the service: any request may go to the next.
                    replicas.failed(pool)
                    if index + 1 < len(pools):
                        index += 1
                        continue
                    raise
                try:
                    if sent_body is not None and sent_body.complete:
                        conn.write(head + b"".join(sent_body.chunks))  # the same bytes again
                    else:
                        await self._send_request(conn, head, body_mode, receive, sent_body)
                    await conn.read_head()
                    if method != "HEAD":  # a HEAD's answer announces a body it never sends
                        await conn.read_short_body(_WHOLE_MAX_BYTES)
                    break
                except UpstreamBroken:
                    conn.abort()
                    if conn.received_any:
                        raise
                    resendable = body_mode == NO_BODY or (
                        sent_body is not None and sent_body.complete
                    )
                    # A kept-alive connection the service closed just as we sent: once more.
                    if reused and resendable and method in IDEMPOTENT_METHODS:
                        continue
                    # The replica went away with the request: the next one, if it is safe.
                    if index + 1 < len(pools) and resendable and _may_resend_sent(scope):
                        replicas.failed(pool)
                        index += 1
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
        self,
        conn: UpstreamConnection,
        head: bytes,
        body_mode: int,
        receive: Receive,
        sent_body: _SentBody | None = None,
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
            if sent_body is not None:
                sent_body.keep(data, last=not more)
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
