"""A JSON body sent as something else is 415 naming JSON, on every ServiceRouter route;
forms and multipart uploads keep working (in memory: no database is touched)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

import httpx
import pytest
from fastapi import FastAPI, File, Form, UploadFile

from apik_shared.platform.media import is_json
from apik_shared.platform.problems import PROBLEM_MEDIA_TYPE, install_problem_handlers
from apik_shared.platform.routing import ServiceRouter
from apik_shared.vocabulary.inputs import Input, Line


class Thing(Input):
    name: Line


def _app() -> FastAPI:
    router = ServiceRouter()

    @router.post("/things", status_code=201)
    async def make_thing(body: Thing) -> dict[str, str]:
        return {"name": body.name}

    @router.patch("/things/1")
    async def change_thing(body: Thing) -> dict[str, str]:
        return {"name": body.name}

    @router.post("/forms")
    async def send_form(name: Annotated[str, Form()]) -> dict[str, str]:
        return {"name": name}

    @router.post("/files")
    async def send_file(file: Annotated[UploadFile, File()]) -> dict[str, int]:
        return {"size": len(await file.read())}

    @router.post("/ping")
    async def ping() -> dict[str, bool]:
        return {"pong": True}

    app = FastAPI()
    install_problem_handlers(app)
    app.include_router(router)
    return app


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=_app())
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        yield client


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/x-www-form-urlencoded", "application/xml", "multipart/form-data"],
)
async def test_a_json_route_refuses_another_media_type_with_415(
    client: httpx.AsyncClient, content_type: str
) -> None:
    response = await client.post(
        "/things", content=b'{"name": "a"}', headers={"Content-Type": content_type}
    )
    assert response.status_code == 415
    assert response.headers["content-type"] == PROBLEM_MEDIA_TYPE
    assert response.headers["accept-post"] == "application/json"
    problem = response.json()
    assert problem["type"] == "/problems/unsupported-media-type"
    assert problem["expected"] == "application/json"
    assert content_type in problem["detail"]
    # The header's entry names a code the web app words, as every field's does.
    assert problem["errors"] == [
        {
            "pointer": "#/headers/content-type",
            "detail": "Send application/json.",
            "code": "content_type_expected",
            "params": {"expected": "application/json"},
        }
    ]


async def test_a_body_without_content_type_is_415_too(client: httpx.AsyncClient) -> None:
    # httpx adds no Content-Type to raw content.
    response = await client.patch("/things/1", content=b'{"name": "a"}')
    assert response.status_code == 415
    assert response.headers["accept-patch"] == "application/json"
    assert "no Content-Type" in response.json()["detail"]


@pytest.mark.parametrize(
    "content_type",
    ["application/json", "application/json; charset=utf-8", "application/merge-patch+json"],
)
async def test_json_in_any_of_its_spellings_is_read(
    client: httpx.AsyncClient, content_type: str
) -> None:
    response = await client.post(
        "/things", content=b'{"name": "a"}', headers={"Content-Type": content_type}
    )
    assert response.status_code == 201
    assert response.json() == {"name": "a"}


async def test_an_empty_body_still_names_the_missing_field(client: httpx.AsyncClient) -> None:
    response = await client.post("/things", headers={"Content-Type": "text/plain"})
    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM_MEDIA_TYPE


async def test_bad_json_is_still_422(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/things", content=b'{"name": ', headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 422


async def test_forms_multipart_and_bodiless_routes_keep_working(
    client: httpx.AsyncClient,
) -> None:
    form = await client.post("/forms", data={"name": "a"})
    assert form.status_code == 200 and form.json() == {"name": "a"}
    upload = await client.post("/files", files={"file": ("a.txt", b"abc", "text/plain")})
    assert upload.status_code == 200 and upload.json() == {"size": 3}
    ping = await client.post("/ping", content=b"x", headers={"Content-Type": "text/plain"})
    assert ping.status_code == 200


def test_what_counts_as_json() -> None:
    assert is_json("application/json")
    assert is_json("Application/JSON; charset=UTF-8")
    assert is_json("application/problem+json")
    assert not is_json("application/jsonx")
    assert not is_json("text/json+plain")
    assert not is_json("")
    assert not is_json(None)
