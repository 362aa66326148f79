"""The reliability tests' stacks: one shared by the tests that send it requests (hostile
input, generated requests) and those that break its parts and see them come back
(test_faults), and one of its own for the cluster's tests (test_cluster: replicas and a
NATS cluster)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest

from apik_shared.devstack.stack import Stack
from apik_testing.infra import TestInfra
from apik_testing.stack import ADMIN_PASSWORD, start_stack
from tests.e2e.office import Office, staff_office

# The gateway does not rate-limit the public routes. Hundreds of generated calls would
# use up the limit, and then the same call would get 429 or not depending on the calls
# before it, which Hypothesis rightly reports as flaky (test_schemathesis). The limiter
# has tests of its own (tests/gateway/forwarding/test_forwarding.py).
UNLIMITED = {"APIK_PUBLIC_RATE_PER_SECOND": "1000000", "APIK_PUBLIC_RATE_BURST": "1000000"}


# One for the package: a stack takes 20 s to start on a quiet machine and minutes on a
# busy one, and these tests leave it as they found it (each works in an office of its
# own; a fault test's killed process is restarted, and PostgreSQL and NATS, stopped,
# are started again, by the test itself, before it checks that nothing was lost).
@pytest.fixture(scope="package")
def stack(infra: TestInfra, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    system = start_stack(infra, Path(tmp_path_factory.mktemp("reliability")), UNLIMITED)
    try:
        yield system
    finally:
        system.stop()


@pytest.fixture
async def office(stack: Stack) -> AsyncIterator[Office]:
    async with httpx.AsyncClient(base_url=stack.url, timeout=30) as client:
        yield await staff_office(client, ADMIN_PASSWORD)
