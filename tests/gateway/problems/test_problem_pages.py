"""Every problem `type` resolves: a page in Bahasa Indonesia and English, or JSON.

The gateway is run in front of a stand-in that serves each real service's OpenAPI
document (built in memory, as `make client` does), so the services' problem types
reach it the way they do in production: from `x-problem-types`.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import AsyncIterator, Iterator
from html import escape
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from apik_gateway.app import create_app
from apik_gateway.problems.rules import type_page, wants_json
from apik_shared.devstack.components import SERVICES
from apik_shared.platform.openapi import PROBLEM_TYPES
from apik_shared.platform.problem_types import catalogue, problem_classes
from apik_shared.platform.problems import PROBLEM_BASE, Problem, http_problem
from tests.gateway.builders import gateway_settings
from tests.gateway.servers import serve

# A type only a service's document names: it can only come from the fetch.
ONLY_IN_A_SERVICE = {
    "service-only-type": {
        "type": "/problems/service-only-type",
        "variants": [
            {
                "status": 409,
                "title": "Only the service knows",
                "description": "A `type` from a service's document.",
                "indonesian_title": "Hanya layanan yang tahu",
                "indonesian_description": "",
                "source": "apik_stand_in",
            }
        ],
    }
}


@pytest.fixture(scope="module")
def service_documents() -> Iterator[dict[str, dict[str, Any]]]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        documents = {
            s.name: importlib.import_module(f"{s.package}.app").create_app().openapi()
            for s in SERVICES
        }
    finally:
        root.handlers, root.level = handlers, level
    documents["stand-in"] = {"openapi": "3.1.0", "paths": {}, PROBLEM_TYPES: ONLY_IN_A_SERVICE}
    yield documents


@pytest.fixture(scope="module")
async def client(
    gateway_database: str, service_documents: dict[str, dict[str, Any]]
) -> AsyncIterator[httpx.AsyncClient]:
    async def document(request: Request) -> JSONResponse:
        return JSONResponse(service_documents[request.path_params["name"]])

    stand_in = Starlette(routes=[Route("/api/v1/{name}/openapi.json", document)])
    async with serve(stand_in) as url:
        settings = gateway_settings(
            gateway_database, service_urls={name: url for name in service_documents}
        )
        async with (
            serve(create_app(settings)) as gateway,
            httpx.AsyncClient(base_url=gateway, timeout=10) as http,
        ):
            yield http


def _every_type() -> list[tuple[str, str]]:
    """(type URI, title) of every problem class loaded, and of the classless ones."""
    made = [(cls.slug, cls.title) for cls in problem_classes()]
    made += [
        (http_problem(status, None).slug, http_problem(status, None).title)
        for status in (405, 406, 418)
    ]
    made.append(("internal-error", "Internal error"))
    return sorted(set(made))


def test_the_walk_sees_every_components_classes(
    service_documents: dict[str, dict[str, Any]],
) -> None:
    # Building the apps loaded their modules: each component's own classes are walked.
    sources = {cls.__module__.partition(".")[0] for cls in problem_classes()}
    assert {"apik_shared", "apik_gateway", "apik_intake", "apik_consultation"} <= sources
    assert all(issubclass(cls, Problem) for cls in problem_classes())


async def test_every_problem_type_resolves_to_a_page(client: httpx.AsyncClient) -> None:
    for slug, title in _every_type():
        response = await client.get(PROBLEM_BASE + slug)
        assert response.status_code == 200, slug
        assert response.headers["content-type"].startswith("text/html")
        page = response.text
        assert '<html lang="id">' in page and '<section lang="en">' in page
        assert escape(title) in page, slug
        as_json = await client.get(PROBLEM_BASE + slug, headers={"Accept": "application/json"})
        assert as_json.status_code == 200
        entry = as_json.json()
        assert entry["type"] == PROBLEM_BASE + slug
        assert title in [v["title"] for v in entry["variants"]]
        assert all(v["indonesian_title"] for v in entry["variants"]), slug


async def test_a_type_only_a_service_names_comes_from_its_document(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get("/problems/service-only-type")
    assert response.status_code == 200
    assert "Hanya layanan yang tahu" in response.text
    assert "<code>type</code> from a service" in response.text


async def test_the_index_lists_them_all_and_an_unknown_slug_is_404(
    client: httpx.AsyncClient,
) -> None:
    index = await client.get("/problems", headers={"Accept": "application/json"})
    assert index.status_code == 200
    assert set(catalogue()) | {"service-only-type"} <= set(index.json())
    html = await client.get("/problems")
    assert 'href="/problems/not-found"' in html.text
    missing = await client.get("/problems/no-such-thing")
    assert missing.status_code == 404
    assert missing.headers["content-type"] == "application/problem+json"
    assert missing.json()["type"] == "/problems/not-found"


def test_a_page_escapes_what_it_shows() -> None:
    entry = {
        "type": "/problems/x",
        "variants": [
            {
                "status": 409,
                "title": "<script>",
                "description": "a `<b>` b",
                "indonesian_title": "Judul",
                "indonesian_description": "",
                "source": "apik_x",
            }
        ],
    }
    page = type_page("x", entry)
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<code>&lt;b&gt;</code>" in page


@pytest.mark.parametrize(
    ("accept", "json"),
    [
        ("application/json", True),
        ("application/problem+json", True),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", False),
        ("*/*", False),
        (None, False),
        ("text/html;q=0.5, application/json", True),
        ("application/json;q=0.2, text/html", False),
    ],
)
def test_json_only_when_preferred(accept: str | None, json: bool) -> None:
    assert wants_json(accept) is json
