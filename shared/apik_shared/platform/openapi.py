"""The OpenAPI document declares what the routes do, found once for every component.

FastAPI's document knows the parameters a route declares, not the headers the platform
reads for it, nor how errors are rendered. `install_openapi(app)` completes it:

- `If-Match` on every route whose dependencies check it (`etag.check_if_match`,
  optional, 412 when stale; `etag.require_if_match`, required, 428 without it);
- `Idempotency-Key` on every route that uses `idempotency.Idempotency` (the creating
  POSTs), with the 201's `Location` and `ETag` and the key's own problems (409, 422);
- 415 on every route that reads a JSON body (`media.require_json`);
- every 4xx and 5xx answer, FastAPI's 422 included, as `application/problem+json` with
  the shared `Problem` schema, whose `type` links resolve (`/problems/<slug>`);
- the component's problem types (`x-problem-types`), which the gateway serves as pages.

What a route does is read from the code that serves it: the names its endpoint and its
dependencies call (`_names_called`), so a new route is declared right without a line
of its own.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable
from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute, RouteContext, iter_route_contexts

from apik_shared.platform.etag import check_if_match, require_if_match
from apik_shared.platform.idempotency import (
    Idempotency,
    IdempotencyKeyInUse,
    IdempotencyKeyReused,
)
from apik_shared.platform.media import reads_json
from apik_shared.platform.problem_types import catalogue
from apik_shared.platform.problems import (
    PROBLEM_MEDIA_TYPE,
    PROBLEM_SCHEMA,
    PreconditionFailed,
    PreconditionRequired,
    Problem,
    UnsupportedMediaType,
)

PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
# Where a document lists the problem types its component answers with, for the gateway's
# `/problems/<slug>` pages (`apik_shared.platform.problem_types`).
PROBLEM_TYPES = "x-problem-types"
# What FastAPI declares for its validation errors, replaced by the Problem schema.
_FASTAPI_ERRORS = ("HTTPValidationError", "ValidationError")
# The names whose use declares a header (renaming one renames what is looked for).
IF_MATCH_OPTIONAL = check_if_match.__name__
IF_MATCH_REQUIRED = require_if_match.__name__
IDEMPOTENT = Idempotency.__name__


def _names_called(route: APIRoute | RouteContext) -> set[str]:
    """The global and attribute names used by the endpoint, its dependencies, and the
    component's own functions they call by name (`deps.lock_case`), transitively."""
    names: set[str] = set()
    own = _package(route.endpoint)
    pending: list[Any] = [route.endpoint]
    stack = list(route.dependant.dependencies)
    while stack:
        dependency = stack.pop()
        pending.append(dependency.call)
        stack.extend(dependency.dependencies)
    seen: set[Any] = set()
    while pending:
        call = pending.pop()
        function = inspect.unwrap(call) if call is not None else None
        code = getattr(function, "__code__", None)
        if function is None or code is None or function in seen:
            continue
        seen.add(function)
        names.update(code.co_names)
        scope: dict[str, Any] = getattr(function, "__globals__", {})
        for name in code.co_names:
            target = scope.get(name)
            if inspect.isfunction(target) and _package(target) == own:
                pending.append(target)
    return names


def _package(function: Any) -> str:
    """The top package a function is defined in: `apik_examination` for its deps."""
    return str(getattr(function, "__module__", "")).partition(".")[0]


def _header(name: str, *, required: bool, description: str, **schema: Any) -> dict[str, Any]:
    return {
        "name": name,
        "in": "header",
        "required": required,
        "description": description,
        "schema": {"type": "string", **schema},
    }


IF_MATCH_DESCRIPTION = (
    'The `ETag` last read (`"3"`): the change is refused with 412 when the resource has '
    "changed since."
)
IDEMPOTENCY_DESCRIPTION = (
    "A key unique to this request (a UUID, say): a retry with the same key and body "
    "replays the first answer, `Location` and `ETag` included, with "
    "`Idempotent-Replayed: true`; the same key with another body is 422; a retry while "
    "the first is still running is 409."
)


def _add_parameter(operation: dict[str, Any], parameter: dict[str, Any]) -> None:
    parameters: list[dict[str, Any]] = operation.setdefault("parameters", [])
    if not any(p.get("in") == "header" and p.get("name") == parameter["name"] for p in parameters):
        parameters.append(parameter)


def _add_response(operation: dict[str, Any], problem: type[Problem]) -> None:
    responses: dict[str, Any] = operation.setdefault("responses", {})
    responses.setdefault(str(problem.status), {"description": problem.title})


def _declare_route(operation: dict[str, Any], route: APIRoute | RouteContext) -> None:
    names = _names_called(route)
    if IF_MATCH_REQUIRED in names or IF_MATCH_OPTIONAL in names:
        required = IF_MATCH_REQUIRED in names
        description = IF_MATCH_DESCRIPTION + (" Required: without it, 428." if required else "")
        _add_parameter(operation, _header("If-Match", required=required, description=description))
        _add_response(operation, PreconditionFailed)
        if required:
            _add_response(operation, PreconditionRequired)
    if IDEMPOTENT in names:
        _add_parameter(
            operation,
            _header(
                "Idempotency-Key",
                required=False,
                description=IDEMPOTENCY_DESCRIPTION,
                minLength=1,
                maxLength=200,
            ),
        )
        _add_response(operation, IdempotencyKeyInUse)
        _add_response(operation, IdempotencyKeyReused)
        created = operation.get("responses", {}).get("201")
        if created is not None:
            created.setdefault("headers", {}).update(
                {
                    "Location": {"description": "The new resource.", "schema": {"type": "string"}},
                    "ETag": {
                        "description": "Its version, for `If-Match`.",
                        "schema": {"type": "string"},
                    },
                }
            )
    if reads_json(route):
        _add_response(operation, UnsupportedMediaType)


def _problems_everywhere(operation: dict[str, Any]) -> None:
    for status, response in operation.get("responses", {}).items():
        if status[:1] in {"4", "5"}:
            response["content"] = {PROBLEM_MEDIA_TYPE: {"schema": dict(PROBLEM_REF)}}
            if status == "422" and response.get("description") == "Validation Error":
                response["description"] = "The request has invalid fields"


def _references(node: Any, name: str) -> bool:
    if isinstance(node, dict):
        return node.get("$ref") == f"#/components/schemas/{name}" or any(
            _references(v, name) for v in node.values()
        )
    if isinstance(node, list):
        return any(_references(v, name) for v in node)
    return False


def declare_contracts(document: dict[str, Any], routes: Iterable[Any]) -> dict[str, Any]:
    """Completes `document` (FastAPI's, for `routes`) in place, and returns it."""
    paths: dict[str, Any] = document.get("paths", {})
    for route in iter_route_contexts(list(routes)):
        if not isinstance(route.original_route, APIRoute) or not route.include_in_schema:
            continue
        item = paths.get(route.path_format or "", {})
        for method in route.methods or ():
            operation = item.get(method.lower())
            if operation is not None:
                _declare_route(operation, route)
    document[PROBLEM_TYPES] = catalogue()
    return problems_everywhere(document)


def problems_everywhere(document: dict[str, Any]) -> dict[str, Any]:
    """Every 4xx and 5xx of `document` as problem+json with the `Problem` schema, and
    FastAPI's validation schemas dropped once nothing uses them (pure; the gateway's
    merge applies it to what the services sent too)."""
    for item in document.get("paths", {}).values():
        for operation in item.values():
            if isinstance(operation, dict):
                _problems_everywhere(operation)
    schemas: dict[str, Any] = document.setdefault("components", {}).setdefault("schemas", {})
    schemas["Problem"] = PROBLEM_SCHEMA
    for name in _FASTAPI_ERRORS:
        rest = {k: v for k, v in document.items() if k != "components"}
        others = {k: v for k, v in schemas.items() if k != name}
        if name in schemas and not _references(rest, name) and not _references(others, name):
            del schemas[name]
    return document


def install_openapi(app: FastAPI) -> None:
    """`app.openapi()` returns the completed document (FastAPI builds it again when
    routes are added; each new build is completed once)."""
    build = app.openapi
    completed: list[int] = []

    def openapi() -> dict[str, Any]:
        document = build()
        if completed != [id(document)]:
            declare_contracts(document, app.routes)
            completed[:] = [id(document)]
        return document

    app.openapi = openapi  # type: ignore[method-assign]
