"""One trace across the real processes: the plenary's accept, sent through the gateway,
and the case it opens in examination, exported over OTLP by each process on its own."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from apik_shared.devstack.stack import Stack
from apik_testing.otlp import OtlpCollector, ReceivedSpan
from apik_testing.stack import ADMIN_PASSWORD
from tests.e2e.office import staff_office

pytestmark = pytest.mark.e2e
TRACE_ID = "5c0ffee0000000000000000000000022"
CALLER_SPAN = "00000000000000aa"  # the citizen's (or the web app's) span
SERVER, CONSUMER = 2, 5  # OTLP's span kinds


async def test_the_accept_and_the_case_it_opens_are_one_trace(
    stack: Stack, collector: OtlpCollector
) -> None:
    # The suite's stack, exporting to the suite's collector (conftest.py): it records
    # only the traces asked for, as this one is (sampled, `-01`).
    async with httpx.AsyncClient(base_url=stack.url, timeout=30) as client:
        office = await staff_office(client, ADMIN_PASSWORD)
        report_id = await office.verified_report()
        accepted = await office.step(
            report_id,
            "plenary-decision",
            {"decision": "accept"},
            traceparent=f"00-{TRACE_ID}-{CALLER_SPAN}-01",
        )
        assert accepted.status_code == 200, accepted.text
        await office.wait_for_cases([report_id])

    def of(service: str, kind: int) -> list[ReceivedSpan]:
        return [
            s
            for s in collector.spans()
            if s.trace_id == TRACE_ID and s.service == f"apik-{service}" and s.kind == kind
        ]

    # Each process sends its batch on its own clock: wait for all three, not the last
    # hop alone (under load the gateway's batch can come after examination's).
    for _ in range(300):
        if of("gateway", SERVER) and of("intake", SERVER) and of("examination", CONSUMER):
            break
        await asyncio.sleep(0.1)
    [forwarding] = of("gateway", SERVER)
    [request] = of("intake", SERVER)
    handoffs = [s for s in of("examination", CONSUMER) if "report.verified" in s.name]
    assert len(handoffs) == 1, [s.name for s in of("examination", CONSUMER)]
    # caller -> gateway -> intake -> (outbox, stream) -> examination
    assert forwarding.parent_span_id == CALLER_SPAN
    assert request.parent_span_id == forwarding.span_id
    path = request.attributes["url.path"]
    assert isinstance(path, str) and path.endswith("/plenary-decision")
    assert handoffs[0].parent_span_id == request.span_id
