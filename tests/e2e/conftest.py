"""The real processes: every service and the gateway as uvicorn children (as `make up`)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest

from apik_shared.devstack.stack import Stack
from apik_shared.testing.infra import TestInfra
from apik_shared.testing.stack import ADMIN_PASSWORD as ADMIN_PASSWORD  # tests log in with it
from apik_shared.testing.stack import start_stack


@pytest.fixture(scope="session")
def stack(infra: TestInfra, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    system = start_stack(infra, Path(tmp_path_factory.mktemp("stack")))
    try:
        yield system
    finally:
        system.stop()


@pytest.fixture
async def gateway(stack: Stack) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=stack.url, timeout=10) as client:
        yield client


async def login(client: httpx.AsyncClient, username: str, password: str) -> dict[str, str]:
    response = await client.post(
        "/api/v1/auth/token", data={"username": username, "password": password}
    )
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


async def create_user(
    client: httpx.AsyncClient, admin: dict[str, str], username: str, office: str, *roles: str
) -> dict[str, str]:
    password = "Kata-Sandi-Rahasia-2026!"
    response = await client.post(
        "/api/v1/auth/users",
        headers=admin,
        json={
            "username": username,
            "password": password,
            "full_name": username.title(),
            "office": office,
            "roles": list(roles),
        },
    )
    assert response.status_code == 201, response.text
    return await login(client, username, password)
