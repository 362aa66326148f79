"""The OpenAPI document declares what the platform does for a route: `If-Match`,
`Idempotency-Key`, 415, and every error as problem+json (in memory, nothing runs);
then every component's real document holds to it."""

from __future__ import annotations

import importlib
import logging
from collections.abc import Iterator
from typing import Annotated, Any

import pytest
from fastapi import Depends, FastAPI, Form, Request, Response

from apik_shared.devstack.components import GATEWAY, SERVICES
from apik_shared.platform.db import DbSession
from apik_shared.platform.etag import check_if_match, require_if_match
from apik_shared.platform.idempotency import Idempotency
from apik_shared.platform.openapi import install_openapi
from apik_shared.platform.problems import (
    PROBLEM_MEDIA_TYPE,
    Conflict,
    install_problem_handlers,
    problem_responses,
)
from apik_shared.platform.routing import ServiceRouter, created
from apik_shared.vocabulary.inputs import Input, Line

PROBLEM = {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}}


class Thing(Input):
    name: Line


async def _lock_thing(request: Request, *, version: int) -> int:
    # Two calls deep from the route, as services' `lock_case` is.
    check_if_match(request, version)
    return version


async def thing_to_change(request: Request) -> int:
    return await _lock_thing(request, version=1)


async def office_to_change(request: Request) -> int:
    require_if_match(request, 1)
    return 1


def _app() -> FastAPI:
    router = ServiceRouter()

    @router.post("/things", status_code=201)
    async def make_thing(request: Request, session: DbSession, body: Thing) -> Response:
        idempotency = Idempotency(session, request, caller="tester")
        return await created(idempotency, {"name": body.name}, location="/things/1")

    @router.patch("/things/{thing}", responses=problem_responses(Conflict))
    async def change_thing(thing: str, _: Annotated[int, Depends(thing_to_change)]) -> None:
        return None

    @router.patch("/offices/{code}")
    async def change_office(code: str, _: Annotated[int, Depends(office_to_change)]) -> None:
        return None

    @router.post("/forms")
    async def send_form(name: Annotated[str, Form()]) -> dict[str, str]:
        return {"name": name}

    app = FastAPI()
    install_problem_handlers(app)
    install_openapi(app)
    app.include_router(router, prefix="/api/v1/test")
    return app


def _headers(operation: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {p["name"]: p for p in operation.get("parameters", []) if p["in"] == "header"}


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    return _app().openapi()


def test_a_creating_post_declares_idempotency_key_and_its_answers(
    document: dict[str, Any],
) -> None:
    operation = document["paths"]["/api/v1/test/things"]["post"]
    key = _headers(operation)["Idempotency-Key"]
    assert key["required"] is False
    assert key["schema"] == {"type": "string", "minLength": 1, "maxLength": 200}
    assert "If-Match" not in _headers(operation)
    responses = operation["responses"]
    assert set(responses["201"]["headers"]) == {"Location", "ETag"}
    # The key's own problems, the wrong media type, and the validation, all problem+json.
    assert {"409", "415", "422"} <= set(responses)
    for status in ("409", "415", "422"):
        assert responses[status]["content"] == PROBLEM, status


def test_if_match_is_declared_where_a_dependency_checks_it(document: dict[str, Any]) -> None:
    optional = document["paths"]["/api/v1/test/things/{thing}"]["patch"]
    assert _headers(optional)["If-Match"]["required"] is False
    assert "412" in optional["responses"] and "428" not in optional["responses"]
    assert optional["responses"]["409"]["content"] == PROBLEM
    assert "Idempotency-Key" not in _headers(optional)
    required = document["paths"]["/api/v1/test/offices/{code}"]["patch"]
    assert _headers(required)["If-Match"]["required"] is True
    assert {"412", "428"} <= set(required["responses"])
    # No body: nothing to refuse with 415.
    assert "415" not in required["responses"]


def test_a_form_route_is_not_415(document: dict[str, Any]) -> None:
    responses = document["paths"]["/api/v1/test/forms"]["post"]["responses"]
    assert "415" not in responses
    assert responses["422"]["content"] == PROBLEM


def test_fastapis_validation_schemas_give_way_to_problem(document: dict[str, Any]) -> None:
    schemas = document["components"]["schemas"]
    assert "HTTPValidationError" not in schemas and "ValidationError" not in schemas
    assert schemas["Problem"]["required"] == ["type", "title", "status"]


@pytest.fixture(scope="module")
def keep_root_logging() -> Iterator[None]:
    """`create_app()` installs the JSON log handler on the root logger; undo that."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        yield
    finally:
        root.handlers, root.level = handlers, level


@pytest.mark.parametrize("component", [GATEWAY, *SERVICES], ids=lambda c: c.name)
def test_every_components_errors_are_problems(component: Any, keep_root_logging: None) -> None:
    app = importlib.import_module(f"{component.package}.app").create_app()
    document: dict[str, Any] = getattr(app, "api", app).openapi()
    errors = 0
    for item in document["paths"].values():
        for method, operation in item.items():
            for status, response in operation["responses"].items():
                if status[0] in "45":
                    errors += 1
                    assert response["content"] == PROBLEM, (method, status)
            if method == "patch" and "requestBody" in operation:
                assert "415" in operation["responses"]
    assert errors > 0
