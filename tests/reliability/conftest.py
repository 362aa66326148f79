"""A stack of its own for fault injection: these tests stop and kill its parts."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest

from apik_shared.devstack.stack import Stack
from apik_shared.testing.infra import TestInfra
from apik_shared.testing.stack import ADMIN_PASSWORD, start_stack
from tests.e2e.office import Office, login


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
        admin = await login(client, "admin", ADMIN_PASSWORD)
        tag, password = uuid.uuid4().hex[:6], "Kata-Sandi-Rahasia-2026!"
        for username, role in ((f"pvl{tag}", "intake_officer"), (f"riksa{tag}", "examiner")):
            created = await client.post(
                "/api/v1/auth/users",
                headers=admin,
                json={
                    "username": username,
                    "password": password,
                    "full_name": username,
                    "office": "PUSAT",
                    "roles": [role],
                },
            )
            assert created.status_code == 201, created.text
        officer = await login(client, f"pvl{tag}", password)
        examiner = await login(client, f"riksa{tag}", password)
        yield Office(client, officer, examiner)
