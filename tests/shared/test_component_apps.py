"""Every service `make up` runs answers `/healthz`, `/readyz` and `/metrics` from the
shared app shell, and publishes its OpenAPI document where the gateway's merge looks.

The apps are built and called in process without their lifespan: `/readyz` then sees a
database nobody listens on and a bus that never connected, and must say so (503) at once.
"""

from __future__ import annotations

import importlib
import logging
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from apik_shared.devstack.components import SERVICES, Component
from apik_shared.devstack.processes import free_port
from apik_shared.platform.db import Database


@pytest.fixture(autouse=True)
def keep_root_logging() -> Iterator[None]:
    """`create_app()` installs the JSON log handler on the root logger; undo that."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        yield
    finally:
        root.handlers, root.level = handlers, level


class NeverConnected:
    connected = False


def build(component: Component, database_url: str) -> FastAPI:
    settings_cls = importlib.import_module(f"{component.package}.settings").Settings
    settings = settings_cls(_env_file=None, env="development", database_url=database_url)
    app: FastAPI = importlib.import_module(f"{component.package}.app").create_app(settings)
    return app


@pytest.fixture(params=SERVICES, ids=lambda c: c.name)
async def service(request: pytest.FixtureRequest) -> AsyncIterator[tuple[Component, Any]]:
    component: Component = request.param
    nowhere = f"postgresql://nobody@127.0.0.1:{free_port()}/nothing"
    app = build(component, nowhere)
    app.state.database = Database(nowhere)
    app.state.bus = NeverConnected()
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://svc") as client:
        yield component, (app, client)
    await app.state.database.dispose()


async def test_healthz_and_metrics(service: tuple[Component, Any]) -> None:
    component, (_, client) = service
    assert (await client.get("/healthz")).json() == {"status": "ok"}
    await client.get("/healthz")
    metrics = await client.get("/metrics")
    assert metrics.status_code == 200, component.name
    assert 'apik_http_requests_total{method="GET",route="/healthz"' in metrics.text


async def test_readyz_reports_what_is_unreachable_without_waiting(
    service: tuple[Component, Any],
) -> None:
    component, (_, client) = service
    started = time.monotonic()
    response = await client.get("/readyz")
    assert time.monotonic() - started < 5, f"{component.name}'s readiness check hung"
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "not ready"
    assert body["checks"]["database"].startswith("unreachable")
    assert body["checks"]["nats"] == "unreachable"


async def test_the_api_document_lives_under_the_service_prefix(
    service: tuple[Component, Any],
) -> None:
    component, (app, client) = service
    prefix = f"/api/v1/{component.name}"
    response = await client.get(f"{prefix}/openapi.json")  # where the gateway fetches it
    assert response.status_code == 200
    paths = set(response.json()["paths"])
    assert paths, f"{component.name} documents no route"
    outside = sorted(p for p in paths if not p.startswith(prefix + "/"))
    assert not outside, f"{component.name} routes outside {prefix}/: {outside}"
    assert app.openapi_url == f"{prefix}/openapi.json"
