"""W3C trace context across HTTP and NATS, and its spans exported over OTLP when asked.

Every component carries a `traceparent` whether or not anything is exported: the
gateway starts or continues one per request and gives it to the service, the service
logs under its trace id and stamps it on the events it commits (the CloudEvent's
`traceparent` extension, through the outbox), and a consumer handling an event continues
its trace in the events it emits in turn. So one trace runs from a request, through the
outbox and the stream, to what its events cause in other services: the plenary's POST
accepting a citizen's report, and the case that opens in examination
(tests/e2e/test_trace_across_services.py follows it across the real processes).

`APIK_OTLP_ENDPOINT` (unset by default: nothing exported, nothing more done than
before) makes those hops OpenTelemetry spans, batched and sent to an OTLP/HTTP collector:
the gateway's forwarding, each service's request (`RequestContextMiddleware`) and each
event a consumer handles. Spans are made here rather than by the FastAPI and httpx
instrumentations: the gateway forwards outside FastAPI with a client of its own, and
the plain ASGI middleware already holds the request's trace context. The standard
`OTEL_TRACES_SAMPLER` / `OTEL_TRACES_SAMPLER_ARG` variables choose the sampler (default:
every trace, or as its caller decided).
"""

from __future__ import annotations

import logging
import re
import secrets
from collections.abc import Mapping
from typing import TYPE_CHECKING

from opentelemetry.trace import Span, SpanKind, Status, StatusCode
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

if TYPE_CHECKING:
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SpanExporter

log = logging.getLogger("apik.tracing")
_TRACEPARENT = re.compile(r"^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$")
_PROPAGATOR = TraceContextTextMapPropagator()
Attributes = Mapping[str, str | int | float | bool]

__all__ = [
    "Span",
    "SpanKind",
    "Tracer",
    "child_traceparent",
    "end",
    "new_traceparent",
    "trace_id_of",
]


def new_traceparent(trace_id: str | None = None, random_hex: str | None = None) -> str:
    """A new span in trace `trace_id` (a new trace when None). Its ids come from
    `random_hex` (48 random hex digits: 32 for a new trace's id, 16 for the span's)
    when the caller drew them already, else from here."""
    fresh = random_hex or secrets.token_hex(24)
    return f"00-{trace_id or fresh[:32]}-{fresh[32:48]}-01"


def trace_id_of(traceparent: str | None) -> str | None:
    if not traceparent:
        return None
    match = _TRACEPARENT.match(traceparent.strip().lower())
    return match.group(1) if match else None


def child_traceparent(parent: str | None, random_hex: str | None = None) -> str:
    """A new span in the same trace, or a new trace when the parent is missing or invalid
    (`random_hex`: as `new_traceparent` takes it)."""
    return new_traceparent(trace_id_of(parent), random_hex)


def otlp_exporter(endpoint: str) -> SpanExporter:
    """The OTLP/HTTP (protobuf) exporter for `endpoint`, the collector's base URL
    (`http://collector:4318`; traces go to its `/v1/traces`)."""
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

    return OTLPSpanExporter(endpoint=endpoint.rstrip("/") + "/v1/traces")


class Tracer:
    """One component's spans. Off (no endpoint): `start` only makes the child
    traceparent, as the platform always did, and returns no span."""

    def __init__(self, service: str, endpoint: str = "") -> None:
        self.service = service
        self._provider: TracerProvider | None = None
        self._tracer = None
        if endpoint:
            from opentelemetry.sdk.resources import Resource
            from opentelemetry.sdk.trace import TracerProvider
            from opentelemetry.sdk.trace.export import BatchSpanProcessor

            self._provider = TracerProvider(
                resource=Resource.create({"service.name": f"apik-{service}"}),
                shutdown_on_exit=False,
            )
            self._provider.add_span_processor(BatchSpanProcessor(otlp_exporter(endpoint)))
            self._tracer = self._provider.get_tracer("apik_shared.platform")
            log.info("exporting traces to %s", endpoint)

    @property
    def enabled(self) -> bool:
        return self._tracer is not None

    def start(
        self,
        name: str,
        parent: str | None,
        kind: SpanKind = SpanKind.INTERNAL,
        attributes: Attributes | None = None,
    ) -> tuple[str, Span | None]:
        """A span continuing `parent` (a traceparent; none or invalid: a new trace), and
        the traceparent the work it covers passes on. The caller ends the span (`end`)."""
        if self._tracer is None:
            return child_traceparent(parent), None
        context = _PROPAGATOR.extract({"traceparent": parent}) if parent else None
        span = self._tracer.start_span(name, context=context, kind=kind, attributes=attributes)
        ids = span.get_span_context()
        return f"00-{ids.trace_id:032x}-{ids.span_id:016x}-{int(ids.trace_flags):02x}", span

    def flush(self) -> None:
        if self._provider is not None:
            self._provider.force_flush()

    def shutdown(self) -> None:
        if self._provider is not None:
            self._provider.shutdown()


def end(span: Span | None, *, error: str | None = None, status: int | None = None) -> None:
    """Ends a span from `Tracer.start` (None: tracing is off), marked failed with
    `error`; `status` is an HTTP answer's (5xx: failed)."""
    if span is None:
        return
    if status is not None:
        span.set_attribute("http.response.status_code", status)
        if status >= 500:
            span.set_status(Status(StatusCode.ERROR))
    if error is not None:
        span.set_status(Status(StatusCode.ERROR, error[:200]))
    span.end()
