"""The real processes: every service and the gateway as uvicorn children (as `make up`)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest

from apik_shared.devstack.stack import Stack
from apik_testing.clock import suite_clock_offset
from apik_testing.infra import TestInfra
from apik_testing.otlp import OtlpCollector
from apik_testing.stack import start_stack
from tests.e2e.integration_data import portal_env
from tests.integration.portal_sim import PortalSim


# The simulated LAPOR! portal the web app's portal journey reads (started by that test,
# in its event loop): its address is in the stack's settings from the start, so the
# pull's state shows the portal away until then, as a real outage would.
@pytest.fixture(scope="package")
def portal_sim() -> PortalSim:
    return PortalSim()


# Where the stack's processes export their spans (test_trace_across_services): only
# the traces a test asks for (a caller's traceparent marked sampled) are recorded and
# sent, every 200 ms rather than every 5 s; the rest of the traffic makes none, as an
# untraced request under a parent-based sampler. A stack of its own for the one trace
# test cost a start of eight processes (20 s quiet, a minute or more on a busy machine).
@pytest.fixture(scope="package")
def collector() -> Iterator[OtlpCollector]:
    with OtlpCollector() as running:
        yield running


def traced(collector: OtlpCollector) -> dict[str, str]:
    return {
        "APIK_OTLP_ENDPOINT": collector.url,
        "OTEL_TRACES_SAMPLER": "parentbased_always_off",
        "OTEL_BSP_SCHEDULE_DELAY": "200",
    }


# Stopped when the e2e tests are done: a running stack consumes every event on the
# shared server, and would act on the events of the in-process services tested later.
@pytest.fixture(scope="package")
def stack(
    infra: TestInfra,
    tmp_path_factory: pytest.TempPathFactory,
    portal_sim: PortalSim,
    collector: OtlpCollector,
) -> Iterator[Stack]:
    # The internship's attendance and logbook stand at noon of a working day (in WIT:
    # never a day before any office's page), so that a run on a Sunday checks in as on
    # a Monday.
    clock = {"APIK_CLOCK_OFFSET_SECONDS": str(suite_clock_offset())}
    # The tests play the proxy in front of the gateway: their loopback connections are
    # believed when they name a client (X-Forwarded-For), so a browser journey can be a
    # citizen of a network of its own (frontend/e2e/run.mjs `citizenNetwork`), counted
    # apart from every other run by the tracking-PIN lockout. A request without the
    # header is still its connection's peer.
    proxy = {"APIK_TRUSTED_PROXIES": '["127.0.0.0/8", "::1/128"]'}
    settings = {**clock, **proxy, **portal_env(portal_sim), **traced(collector)}
    # Six minutes to come up: on a shared two-core machine under load, three were seen
    # to pass before the last process listened.
    system = start_stack(infra, Path(tmp_path_factory.mktemp("stack")), settings, timeout=360)
    try:
        yield system
    finally:
        system.stop()


@pytest.fixture
async def gateway(stack: Stack) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=stack.url, timeout=10) as client:
        yield client
