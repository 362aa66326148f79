"""The real processes: every service and the gateway as uvicorn children (as `make up`)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest

from apik_shared.devstack.stack import Stack
from apik_shared.testing.infra import TestInfra

ADMIN_PASSWORD = "e2e-Admin-Password-1"


@pytest.fixture(scope="session")
def stack(infra: TestInfra, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    from apik_shared.devstack.processes import free_port

    system = Stack(
        postgres_admin_url=infra.postgres_admin_url,
        nats_url=infra.nats_url,
        state_dir=Path(tmp_path_factory.mktemp("stack")),
        gateway_port=free_port(),
        admin_password=ADMIN_PASSWORD,
        env="test",
        database_prefix=f"e2e_{infra.run_id}_",
    )
    asyncio.run(system.prepare())
    system.start()
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
