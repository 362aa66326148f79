"""The request head the gateway sends to a service, built from the client's."""

from __future__ import annotations

import os
from typing import NamedTuple

from starlette.types import Receive, Scope

from apik_gateway.forwarding.service.client_address import ClientAddress
from apik_gateway.forwarding.service.edge import request_id_or_new
from apik_shared.platform.tracing import Span, SpanKind, Tracer, child_traceparent

# Meaningful for one connection only (RFC 9110 §7.6.1), never forwarded.
HOP_BY_HOP = frozenset(
    {
        b"connection",
        b"keep-alive",
        b"proxy-connection",
        b"te",
        b"trailer",
        b"transfer-encoding",
        b"upgrade",
        b"proxy-authorization",
        b"proxy-authenticate",
    }
)
# The gateway sets these itself (`expect`: uvicorn answers 100-continue to the client).
_REPLACED = HOP_BY_HOP | {
    b"host",
    b"content-length",
    b"expect",
    b"x-request-id",
    b"traceparent",
    b"x-forwarded-for",
    b"x-forwarded-proto",
    b"x-forwarded-host",
}
# How the request body is framed: one of these, or its Content-Length (>= 0).
NO_BODY, CHUNKED = -1, -2
# The random ids a request may need (request id, trace id, span id: 16 + 16 + 8 bytes),
# drawn in one system call: on the hot path each draw is a getrandom() of its own, and
# three cost more than the rest of the head together.
_RANDOM_BYTES = 40


class RequestHead(NamedTuple):
    head: bytes
    body_mode: int
    request_id: bytes
    traceparent: str
    client: str  # the client's address (client_address.py): what limits are keyed by
    span: Span | None = None  # the forwarding's, when traces are exported


def build_request_head(
    scope: Scope,
    host: bytes,
    receive: Receive,
    clients: ClientAddress,
    tracer: Tracer | None = None,
) -> RequestHead:
    """The request head for the service, the body framing, request id, traceparent and
    the client's address.

    The service gets the client's address alone in `X-Forwarded-For`, never the chain
    the caller wrote: what it reads there is the gateway's word."""
    length, chunked = -1, False
    request_id = parent = forwarded_for = client_host = None
    connection_tokens: set[bytes] = set()
    kept: list[tuple[bytes, bytes]] = []
    for name, value in scope["headers"]:
        if name not in _REPLACED:
            kept.append((name, value))
        elif name == b"content-length":
            length = int(value)
        elif name == b"transfer-encoding":
            chunked = b"chunked" in value.lower()
        elif name == b"x-request-id":
            request_id = value
        elif name == b"traceparent":
            parent = value
        elif name == b"x-forwarded-for":
            # Several headers are one list (RFC 9110 §5.3), the last one's hops last.
            forwarded_for = forwarded_for + b", " + value if forwarded_for else value
        elif name == b"host":
            client_host = value
        elif name == b"connection":
            connection_tokens.update(t.strip().lower() for t in value.split(b","))
    if connection_tokens:
        kept = [(n, v) for n, v in kept if n not in connection_tokens]
    fresh = os.urandom(_RANDOM_BYTES).hex()
    rid = request_id_or_new(request_id, fresh[:32])
    span = None
    parent_text = parent.decode("latin-1") if parent else None
    if tracer is not None and tracer.enabled:
        trace_parent, span = tracer.start(
            f"{scope['method']} {scope['path']}",
            parent_text,
            SpanKind.SERVER,
            {"http.request.method": scope["method"], "url.path": scope["path"]},
        )
    else:
        # The caller's trace (a new one when it sent none or a malformed one) and a new
        # span in it, with ids from the one draw.
        trace_parent = child_traceparent(parent_text, fresh[32:80])
    client = clients.resolve(scope, receive, forwarded_for)
    target = scope.get("raw_path") or scope["path"].encode()
    if scope["query_string"]:
        target = target + b"?" + scope["query_string"]
    parts = [scope["method"].encode(), b" ", target, b" HTTP/1.1\r\nhost: ", host, b"\r\n"]
    for name, value in kept:
        parts += (name, b": ", value, b"\r\n")
    parts += (
        b"x-request-id: ",
        rid,
        b"\r\ntraceparent: ",
        trace_parent.encode(),
        b"\r\nx-forwarded-for: ",
        client.encode() or b"unknown",
        b"\r\nx-forwarded-proto: ",
        scope["scheme"].encode(),
        b"\r\n",
    )
    if client_host:
        parts += (b"x-forwarded-host: ", client_host, b"\r\n")
    if chunked:
        body_mode = CHUNKED
        parts.append(b"transfer-encoding: chunked\r\n\r\n")
    elif length >= 0:
        body_mode = length
        parts += (b"content-length: ", str(length).encode(), b"\r\n\r\n")
    else:
        body_mode = NO_BODY
        parts.append(b"\r\n")
    return RequestHead(b"".join(parts), body_mode, rid, trace_parent, client, span)
