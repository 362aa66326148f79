"""A stack of its own for fault injection: these tests stop and kill its parts."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest

from apik_shared.devstack.stack import Stack
from apik_testing.infra import TestInfra
from apik_testing.stack import ADMIN_PASSWORD, start_stack
from tests.e2e.office import Office, staff_office


@pytest.fixture(scope="module")
def stack(infra: TestInfra, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    system = start_stack(infra, Path(tmp_path_factory.mktemp("reliability")))
    try:
        yield system
    finally:
        system.stop()


@pytest.fixture
async def office(stack: Stack) -> AsyncIterator[Office]:
    async with httpx.AsyncClient(base_url=stack.url, timeout=30) as client:
        yield await staff_office(client, ADMIN_PASSWORD)
