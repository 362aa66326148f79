"""The platform router: generated operation ids, idempotent 201s whose replay carries
the first answer's `Location` and `ETag`, and the request's session, rolled back and
given back when the route fails (real PostgreSQL)."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from sqlalchemy import func, select
from sqlalchemy.pool import QueuePool

from apik_shared.platform.db import Database, DbSession
from apik_shared.platform.idempotency import Idempotency
from apik_shared.platform.problems import Conflict, install_problem_handlers
from apik_shared.platform.routing import ServiceRouter, created, operation_id
from apik_shared.platform.tables import idempotency_key
from apik_testing.databases import platform_database
from apik_testing.infra import TestInfra


def route_in(module: str, name: str) -> APIRoute:
    async def endpoint() -> None:
        return None

    endpoint.__module__, endpoint.__name__ = module, name
    return APIRoute("/x", endpoint)


def test_operation_ids_say_service_feature_and_function() -> None:
    assert operation_id(route_in("apik_intake.reports.router", "register_report")) == (
        "intake_reports_register_report"
    )
    # A feature that grew into a package keeps its feature's name.
    assert operation_id(route_in("apik_examination.sla.router.policies", "list_policies")) == (
        "examination_sla_list_policies"
    )
    assert operation_id(route_in("apik_gateway.app", "healthz")) == "gateway_healthz"


def test_a_service_router_commits_through_the_transactional_route() -> None:
    from apik_shared.platform.db import TransactionalRoute

    assert ServiceRouter().route_class is TransactionalRoute


@pytest.fixture(scope="module")
async def database(infra: TestInfra) -> AsyncIterator[Database]:
    async with platform_database(infra, "routing") as db:
        yield db


@pytest.fixture
async def client(database: Database) -> AsyncIterator[httpx.AsyncClient]:
    router = ServiceRouter()
    made: list[str] = []

    @router.post("/things", status_code=201)
    async def make_thing(request: Request, session: DbSession) -> Response:
        idempotency = Idempotency(session, request, caller="tester")
        if (replay := await idempotency.begin()) is not None:
            return replay
        thing = str(uuid.uuid4())
        made.append(thing)
        return await created(idempotency, {"id": thing}, location=f"/things/{thing}", version=3)

    @router.post("/regrets", status_code=201)
    async def regret(request: Request, session: DbSession) -> JSONResponse:
        # Writes the key's row, then refuses: nothing of it may stay.
        await Idempotency(session, request, caller="tester").begin()
        raise Conflict("Changed its mind.")

    app = FastAPI(generate_unique_id_function=operation_id)
    app.state.database = database
    install_problem_handlers(app)
    app.include_router(router)
    app.state.made = made
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        http.made = made  # type: ignore[attr-defined]
        yield http


async def test_a_replayed_create_carries_location_and_etag(client: httpx.AsyncClient) -> None:
    key = {"Idempotency-Key": str(uuid.uuid4())}
    first = await client.post("/things", json={"a": 1}, headers=key)
    again = await client.post("/things", json={"a": 1}, headers=key)
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    thing = first.json()["id"]
    assert first.headers["location"] == again.headers["location"] == f"/things/{thing}"
    assert first.headers["etag"] == again.headers["etag"] == '"3"'
    assert again.headers["idempotent-replayed"] == "true"
    assert client.made == [thing]  # type: ignore[attr-defined]


async def test_the_generated_ids_are_in_the_openapi_document(client: httpx.AsyncClient) -> None:
    document = (await client.get("/openapi.json")).json()
    ids = [op["operationId"] for path in document["paths"].values() for op in path.values()]
    assert ids == ["tests_shared_make_thing", "tests_shared_regret"]


async def test_a_failed_route_writes_nothing_and_gives_its_connection_back(
    client: httpx.AsyncClient, database: Database
) -> None:
    # More failures than the pool holds connections: one kept by a failed request
    # would leave the later ones waiting for the pool's timeout.
    pool = database.engine.pool
    assert isinstance(pool, QueuePool)  # the engine's pool, which counts its connections
    keys = [str(uuid.uuid4()) for _ in range(pool.size() + 5)]
    for key in keys:
        refused = await client.post("/regrets", json={}, headers={"Idempotency-Key": key})
        assert refused.status_code == 409
    async with database.sessions() as session:
        kept = await session.scalar(select(func.count()).where(idempotency_key.c.key.in_(keys)))
    assert kept == 0
    assert pool.checkedout() == 0
