"""The real processes: every service and the gateway as uvicorn children (as `make up`)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest

from apik_shared.devstack.stack import Stack
from apik_testing.clock import working_noon_offset
from apik_testing.infra import TestInfra
from apik_testing.stack import start_stack


# Stopped when the e2e tests are done: a running stack consumes every event on the
# shared server, and would act on the events of the in-process services tested later.
@pytest.fixture(scope="package")
def stack(infra: TestInfra, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    # The internship's attendance and logbook stand at noon of a working day of the
    # bootstrap office (WIB), so that a run on a Sunday checks in as on a Monday.
    clock = {"APIK_CLOCK_OFFSET_SECONDS": str(working_noon_offset("Asia/Jakarta"))}
    system = start_stack(infra, Path(tmp_path_factory.mktemp("stack")), clock)
    try:
        yield system
    finally:
        system.stop()


@pytest.fixture
async def gateway(stack: Stack) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=stack.url, timeout=10) as client:
        yield client
