"""One trace from a request to the handling of the event it committed, in another service:
spans exported (to an in-memory exporter standing in for OTLP) when `APIK_OTLP_ENDPOINT`
is set, and none made when it is not."""

from __future__ import annotations

import asyncio
import secrets
import uuid
from collections.abc import Sequence
from typing import Any

import nats
import pytest
from fastapi import APIRouter, Request
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export import SpanExporter
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind
from sqlalchemy.ext.asyncio import AsyncSession

from apik_shared.platform import tracing
from apik_shared.platform.app import create_service_app
from apik_shared.platform.db import Database
from apik_shared.platform.events.bus import ensure_stream
from apik_shared.platform.events.consumer import ConsumerSpec
from apik_shared.platform.events.envelope import CloudEvent, source_of
from apik_shared.platform.settings import ServiceSettings
from apik_shared.platform.tables import metadata as platform_metadata
from apik_shared.platform.tracing import Tracer, trace_id_of
from apik_testing.infra import TestInfra
from apik_testing.otlp import OtlpCollector
from apik_testing.polling import eventually
from apik_testing.services import running
from apik_testing.tokens import TestTokens

TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"
GATEWAY_SPAN = "00f067aa0ba902b7"
TRACEPARENT = f"00-{TRACE_ID}-{GATEWAY_SPAN}-01"  # as the gateway sends it


@pytest.fixture
def exported(monkeypatch: pytest.MonkeyPatch) -> InMemorySpanExporter:
    """What every tracer made from now on exports, instead of sending it over OTLP."""
    exporter = InMemorySpanExporter()
    endpoints: list[str] = []

    def in_memory(endpoint: str) -> SpanExporter:
        endpoints.append(endpoint)
        return exporter

    monkeypatch.setattr(tracing, "otlp_exporter", in_memory)
    return exporter


async def settings_for(infra: TestInfra, service: str, **extra: Any) -> ServiceSettings:
    url = await infra.adatabase("tracing")
    database = Database(url)
    async with database.engine.begin() as conn:
        await conn.run_sync(platform_metadata.create_all)
    await database.dispose()
    return ServiceSettings(
        env="test",
        service_name=service,
        database_url=url,
        nats_url=infra.nats_url,
        secret_key="test-secret-key",
        consumer_group="trace-" + secrets.token_hex(3),
        outbox_poll_seconds=0.2,
        **extra,
    )


def producer_routes(producer: str) -> APIRouter:
    router = APIRouter()

    @router.post("/things", status_code=201)  # under /api/v1/<producer>
    async def register(request: Request) -> dict[str, str]:
        bus = request.app.state.bus
        async with request.app.state.database.sessions() as session, session.begin():
            event = await bus.outbox.add(session, "thing.registered", {"n": 1}, subject="t1")
        return {"event": event.id}

    return router


def span_id(span: ReadableSpan) -> str:
    assert span.context is not None
    return f"{span.context.span_id:016x}"


def trace_of(span: ReadableSpan) -> str:
    assert span.context is not None
    return f"{span.context.trace_id:032x}"


async def test_one_trace_from_the_request_to_the_event_handled_in_another_service(
    infra: TestInfra, tokens: TestTokens, exported: InMemorySpanExporter
) -> None:
    producer = "p" + uuid.uuid4().hex[:10]
    handled: list[CloudEvent] = []

    async def handle(session: AsyncSession, event: CloudEvent) -> None:
        handled.append(event)

    endpoint = "http://collector.invalid:4318"
    producing = create_service_app(
        settings=await settings_for(infra, producer, otlp_endpoint=endpoint),
        title=producer,
        routers=[producer_routes(producer)],
    )
    spec = ConsumerSpec(durable="things", subjects=[f"apik.{producer}.>"], handler=handle)
    consuming = create_service_app(
        settings=await settings_for(infra, "c" + producer, otlp_endpoint=endpoint),
        title="consumer",
        routers=[],
        consumers=[spec],
    )
    async with running(producing, tokens) as source, running(consuming, tokens):
        response = await source.client.post(
            f"/api/v1/{producer}/things", headers={"traceparent": TRACEPARENT}
        )
        assert response.status_code == 201
        event_id = response.json()["event"]
        await eventually(lambda: _handled(handled, event_id), within=20)
        await source.client.get("/healthz")  # probes make no spans
        producing.state.tracer.flush()
        consuming.state.tracer.flush()

    spans = exported.get_finished_spans()
    [request] = [s for s in spans if s.kind is SpanKind.SERVER]
    # Every service app also follows the office registry, whose events other tests put on
    # the shared stream: the handling looked for is this event's.
    [handling] = [
        s
        for s in spans
        if s.kind is SpanKind.CONSUMER
        and (s.attributes or {}).get("messaging.message.id") == event_id
    ]
    assert request.name == "POST /things"  # the route, as the service's router holds it
    assert request.resource.attributes["service.name"] == f"apik-{producer}"
    assert request.attributes is not None
    assert request.attributes["url.path"] == f"/api/v1/{producer}/things"
    assert request.attributes["http.response.status_code"] == 201
    # The request continues the gateway's trace, as the gateway's span's child.
    assert trace_of(request) == TRACE_ID
    assert request.parent is not None and f"{request.parent.span_id:016x}" == GATEWAY_SPAN
    # The event carries the request's span through the outbox and the stream...
    [event] = [e for e in handled if e.id == event_id]
    assert event.traceparent == f"00-{TRACE_ID}-{span_id(request)}-01"
    # ... and the other service's handling of it is that span's child, in the same trace.
    assert trace_of(handling) == TRACE_ID
    assert handling.parent is not None and f"{handling.parent.span_id:016x}" == span_id(request)
    assert handling.resource.attributes["service.name"] == f"apik-c{producer}"
    assert handling.attributes is not None
    assert handling.attributes["messaging.message.id"] == event_id


async def _handled(handled: list[CloudEvent], event_id: str) -> bool:
    return any(e.id == event_id for e in handled)


def test_without_an_endpoint_no_span_is_made(exported: InMemorySpanExporter) -> None:
    traceparent, span = Tracer("intake").start("POST /x", TRACEPARENT)
    assert span is None
    assert trace_id_of(traceparent) == TRACE_ID and GATEWAY_SPAN not in traceparent
    assert exported.get_finished_spans() == ()


async def test_a_batch_handler_sees_each_event_under_its_own_span(
    infra: TestInfra, tokens: TestTokens, exported: InMemorySpanExporter
) -> None:
    producer = "b" + uuid.uuid4().hex[:10]
    seen: list[CloudEvent] = []

    async def one(session: AsyncSession, event: CloudEvent) -> None:
        raise AssertionError("the three events come in one batch")

    async def many(session: AsyncSession, events: Sequence[CloudEvent]) -> None:
        seen.extend(events)

    # Three events of three traces on the stream before the consumer exists: its first
    # fetch takes them together, so they go to the batch handler.
    parents = {f"{n:032x}": f"{n:016x}" for n in (1, 2, 3)}
    nc = await nats.connect(infra.nats_url)
    try:
        js = nc.jetstream()
        await ensure_stream(js)
        for trace_id, parent in parents.items():
            event = CloudEvent(
                source=source_of(producer),
                type="thing.registered",
                traceparent=f"00-{trace_id}-{parent}-01",
            )
            await js.publish(f"apik.{producer}.thing.registered", event.to_json())
    finally:
        await nc.close()
    spec = ConsumerSpec(
        durable="batch", subjects=[f"apik.{producer}.>"], handler=one, batch_handler=many
    )
    consuming = create_service_app(
        settings=await settings_for(infra, producer, otlp_endpoint="http://collector.invalid"),
        title="consumer",
        routers=[],
        consumers=[spec],
    )
    async with running(consuming, tokens):
        await eventually(lambda: asyncio.sleep(0, len(seen) == 3), within=20)
        consuming.state.tracer.flush()

    # The app's office-registry consumer handles other tests' office events too: only the
    # three traces published here are looked at, and each must have its span.
    spans = {
        trace_of(s): s
        for s in exported.get_finished_spans()
        if s.kind is SpanKind.CONSUMER and trace_of(s) in parents
    }
    assert set(spans) == set(parents)
    for event in seen:
        span = spans[trace_id_of(event.traceparent) or ""]
        assert span.parent is not None
        assert f"{span.parent.span_id:016x}" == parents[trace_of(span)]  # the producer's
        assert event.traceparent == f"00-{trace_of(span)}-{span_id(span)}-01"  # the span's


def test_spans_reach_an_otlp_collector_over_http() -> None:
    with OtlpCollector() as collector:
        tracer = Tracer("intake", collector.url)
        _, span = tracer.start("POST /reports", TRACEPARENT, SpanKind.SERVER)
        tracing.end(span, status=201)
        tracer.shutdown()  # flushes its batch
    [(path, content_type, _)] = collector.requests
    assert (path, content_type) == ("/v1/traces", "application/x-protobuf")
    [exported_span] = collector.spans()
    assert exported_span.service == "apik-intake"
    assert exported_span.name == "POST /reports"
    assert exported_span.trace_id == TRACE_ID
    assert exported_span.parent_span_id == GATEWAY_SPAN
    assert exported_span.attributes["http.response.status_code"] == 201
