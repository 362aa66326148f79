"""Request id, trace context, access log and metrics, as one plain ASGI middleware.

Plain ASGI (not BaseHTTPMiddleware) because it wraps every request of every service and
must not buffer bodies or add a task per request.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from typing import Any

from prometheus_client import Counter, Histogram
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from apik_shared.platform.logs import request_id_var, trace_id_var, traceparent_var
from apik_shared.platform.tracing import (
    Span,
    SpanKind,
    Tracer,
    child_traceparent,
    end,
    trace_id_of,
)

REQUESTS = Counter("apik_http_requests_total", "HTTP requests", ["method", "route", "status"])
LATENCY = Histogram(
    "apik_http_request_seconds",
    "HTTP request duration",
    ["method", "route"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5),
)
access_log = logging.getLogger("apik.access")
log = logging.getLogger("apik.problems")
_INTERNAL_ERROR_BODY = json.dumps(
    {
        "type": "/problems/internal-error",
        "title": "Internal error",
        "status": 500,
        "detail": "An unexpected error occurred; it has been logged.",
    }
).encode()
_INTERNAL_ERROR_START: Message = {
    "type": "http.response.start",
    "status": 500,
    "headers": [
        (b"content-type", b"application/problem+json"),
        (b"content-length", str(len(_INTERNAL_ERROR_BODY)).encode()),
    ],
}
_QUIET_PATHS = {"/healthz", "/readyz", "/metrics"}


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return str(value.decode("latin-1"))
    return None


class RequestContextMiddleware:
    def __init__(self, app: ASGIApp, tracer: Tracer | None = None) -> None:
        self.app = app
        self.tracer = tracer or Tracer("apik")  # off unless given one that exports

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = _header(scope, b"x-request-id") or uuid.uuid4().hex
        parent = _header(scope, b"traceparent")
        span: Span | None = None
        if self.tracer.enabled and scope["path"] not in _QUIET_PATHS:  # no spans for probes
            traceparent, span = self.tracer.start(
                scope["method"],
                parent,
                SpanKind.SERVER,
                {"http.request.method": scope["method"], "url.path": scope["path"]},
            )
        else:
            traceparent = child_traceparent(parent)
        scope.setdefault("state", {})["traceparent"] = traceparent
        rid_token = request_id_var.set(request_id)
        tid_token = trace_id_var.set(trace_id_of(traceparent) or "")
        tp_token = traceparent_var.set(traceparent)
        started = time.perf_counter()
        status = 500
        status_sent = False

        async def send_with_headers(message: Message) -> None:
            nonlocal status, status_sent
            if message["type"] == "http.response.start":
                status, status_sent = message["status"], True
                headers: list[Any] = list(message.get("headers", []))
                headers.append((b"x-request-id", request_id.encode("latin-1")))
                message["headers"] = headers
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            # Answered here rather than by Starlette's outer error middleware, which
            # re-raises and so makes the server drop the connection: the gateway's pooled
            # connection would die with it and fail the next, innocent request.
            log.exception("unhandled error on %s %s", scope["method"], scope["path"])
            if status_sent:
                raise
            status = 500
            await send_with_headers(_INTERNAL_ERROR_START)
            await send_with_headers({"type": "http.response.body", "body": _INTERNAL_ERROR_BODY})
        finally:
            elapsed = time.perf_counter() - started
            route = scope.get("route")
            route_path = getattr(route, "path", "unmatched")
            REQUESTS.labels(scope["method"], route_path, str(status)).inc()
            LATENCY.labels(scope["method"], route_path).observe(elapsed)
            if span is not None:
                span.update_name(f"{scope['method']} {route_path}")
                span.set_attribute("http.route", route_path)
                end(span, status=status)
            if scope["path"] not in _QUIET_PATHS:
                access_log.info(
                    "%s %s %s",
                    scope["method"],
                    scope["path"],
                    status,
                    extra={
                        "method": scope["method"],
                        "path": scope["path"],
                        "status": status,
                        "duration_ms": round(elapsed * 1000, 2),
                    },
                )
            request_id_var.reset(rid_token)
            trace_id_var.reset(tid_token)
            traceparent_var.reset(tp_token)
