"""The gateway's forwarding as a span of its own when traces are exported: the service's
request is its child, in the caller's trace."""

from __future__ import annotations

import pytest
from opentelemetry.sdk.trace.export import SpanExporter
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from starlette.types import Message

from apik_gateway.forwarding.service.client_address import ClientAddress
from apik_gateway.forwarding.service.request_head import build_request_head
from apik_shared.platform import tracing
from apik_shared.platform.tracing import Tracer

TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"
CALLER_SPAN = "00f067aa0ba902b7"


@pytest.fixture
def exported(monkeypatch: pytest.MonkeyPatch) -> InMemorySpanExporter:
    exporter = InMemorySpanExporter()

    def in_memory(endpoint: str) -> SpanExporter:
        return exporter

    monkeypatch.setattr(tracing, "otlp_exporter", in_memory)
    return exporter


async def _no_body() -> Message:
    return {"type": "http.request", "body": b"", "more_body": False}


def test_the_gateway_forwards_its_own_span_as_the_services_parent(
    exported: InMemorySpanExporter,
) -> None:
    tracer = Tracer("gateway", "http://collector.invalid:4318")
    scope = {
        "type": "http",
        "method": "POST",
        "path": "/api/v1/intake/public/reports",
        "raw_path": b"/api/v1/intake/public/reports",
        "query_string": b"",
        "scheme": "http",
        "client": ("203.0.113.9", 5000),
        "headers": [(b"traceparent", f"00-{TRACE_ID}-{CALLER_SPAN}-01".encode())],
    }
    head = build_request_head(scope, b"intake", _no_body, ClientAddress(), tracer)
    assert head.span is not None
    tracing.end(head.span, status=201)
    tracer.flush()
    [span] = exported.get_finished_spans()
    assert span.context is not None and span.parent is not None
    assert f"{span.context.trace_id:032x}" == TRACE_ID
    assert f"{span.parent.span_id:016x}" == CALLER_SPAN
    assert span.attributes is not None and span.attributes["http.response.status_code"] == 201
    forwarded = f"traceparent: 00-{TRACE_ID}-{span.context.span_id:016x}-01\r\n"
    assert forwarded.encode() in head.head


def test_without_an_endpoint_the_gateway_makes_no_span(exported: InMemorySpanExporter) -> None:
    scope = {
        "type": "http",
        "method": "GET",
        "path": "/api/v1/intake/reports",
        "raw_path": b"/api/v1/intake/reports",
        "query_string": b"",
        "scheme": "http",
        "client": ("203.0.113.9", 5000),
        "headers": [(b"traceparent", f"00-{TRACE_ID}-{CALLER_SPAN}-01".encode())],
    }
    head = build_request_head(scope, b"intake", _no_body, ClientAddress(), Tracer("gateway"))
    assert head.span is None
    assert head.traceparent.startswith(f"00-{TRACE_ID}-") and CALLER_SPAN not in head.traceparent
    assert exported.get_finished_spans() == ()
