"""`/open311/v2/`: the gateway turns Open311's `api_key` into the API client's token and
hands the request to the service, without the key; a missing or wrong key is the
spec's 403 and reaches nothing."""

from __future__ import annotations

import base64
import json
from collections.abc import AsyncIterator
from typing import Any
from xml.etree import ElementTree as ET

import httpx
import pytest
from fastapi import FastAPI, Request

from apik_gateway.app import create_app
from apik_testing.infra import TestInfra
from tests.gateway.builders import GatewayUnderTest, gateway_settings, migrated_database
from tests.gateway.servers import serve

FACADE = "/api/v1/intake/public/open311/v2"


def _fake_intake(seen: list[dict[str, Any]]) -> FastAPI:
    """Intake's facade as the gateway sees it: says what reached it."""
    app = FastAPI(openapi_url=None)

    @app.api_route(f"{FACADE}/{{rest:path}}", methods=["GET", "POST", "PUT"])
    async def echo(rest: str, request: Request) -> dict[str, Any]:
        got = {
            "method": request.method,
            "path": request.url.path,
            "query": request.url.query,
            "headers": dict(request.headers),
            "body": (await request.body()).decode(),
        }
        seen.append(got)
        return got

    @app.get("/readyz")
    async def ready() -> dict[str, str]:
        return {"status": "ready"}

    return app


@pytest.fixture(scope="module")
async def seen() -> list[dict[str, Any]]:
    return []


@pytest.fixture(scope="module")
async def gateway(infra: TestInfra, seen: list[dict[str, Any]]) -> AsyncIterator[GatewayUnderTest]:
    # A database of its own: the public paths' rate limit is kept there, per client.
    database = await migrated_database(infra)
    async with serve(_fake_intake(seen)) as intake_url:
        settings = gateway_settings(
            database,
            service_urls={"intake": intake_url},
            public_rate_burst=1000,
            public_rate_per_second=100,
        )
        async with (
            serve(create_app(settings)) as url,
            httpx.AsyncClient(base_url=url, timeout=10) as client,
        ):
            yield GatewayUnderTest(url=url, client=client, settings=settings)


@pytest.fixture(scope="module")
async def api_client(gateway: GatewayUnderTest) -> dict[str, Any]:
    await gateway.create_office("KDI")
    return await gateway.create_client(office="KDI")


def _claims(authorization: str) -> dict[str, Any]:
    payload = authorization.removeprefix("Bearer ").split(".")[1]
    return dict(json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))))


async def test_a_read_goes_to_the_facade_without_any_credential(gateway, seen):
    response = await gateway.client.get(
        "/open311/v2/requests.json",
        params={"status": "open", "api_key": "x:y"},
        headers={"Authorization": "Bearer someone-elses", "Cookie": "session=abc"},
    )
    assert response.status_code == 200, response.text
    got = response.json()
    assert got["path"] == f"{FACADE}/requests.json" and got["query"] == "status=open"
    assert "authorization" not in got["headers"] and "cookie" not in got["headers"]
    assert got["headers"]["x-request-id"] == response.headers["x-request-id"]
    assert response.headers.get_list("x-request-id") == [got["headers"]["x-request-id"]]


async def test_a_token_read_goes_to_the_facade_through_the_same_route(gateway, seen):
    for fmt in ("json", "xml"):
        response = await gateway.client.get(f"/open311/v2/tokens/AbC-12_x.{fmt}")
        assert response.status_code == 200, response.text
        got = response.json()
        assert got["path"] == f"{FACADE}/tokens/AbC-12_x.{fmt}"
        assert "authorization" not in got["headers"]


async def test_a_post_with_the_key_goes_as_the_client_without_the_key(gateway, api_client, seen):
    key = f"{api_client['id']}:{api_client['client_secret']}"
    response = await gateway.client.post(
        "/open311/v2/requests.json",
        data={"service_code": "education", "api_key": key, "description": "Ijazah ditahan."},
    )
    assert response.status_code == 200, response.text
    got = response.json()
    assert got["path"] == f"{FACADE}/requests.json"
    assert got["body"] == "service_code=education&description=Ijazah+ditahan."
    assert got["headers"]["content-type"] == "application/x-www-form-urlencoded"
    claims = _claims(got["headers"]["authorization"])
    assert claims["sub"] == f"client:{api_client['id']}" and claims["kind"] == "client"
    assert claims["office"] == "KDI" and claims["exp"] - claims["iat"] == 60
    assert key not in json.dumps(got)


async def test_a_multipart_form_goes_url_encoded_and_a_key_in_the_url_is_refused(
    gateway, api_client, seen
):
    key = f"{api_client['id']}:{api_client['client_secret']}"
    response = await gateway.client.post(
        "/open311/v2/requests.xml",
        files={
            "service_code": (None, "tax"),
            "first_name": (None, "Wa Ode"),
            "api_key": (None, key),
        },
    )
    assert response.status_code == 200, response.text
    got = response.json()
    assert got["body"] == "service_code=tax&first_name=Wa+Ode"
    assert got["headers"]["authorization"].startswith("Bearer ")
    before = len(seen)
    in_url = await gateway.client.post(
        "/open311/v2/requests.json", params={"api_key": key}, data={"service_code": "tax"}
    )
    assert in_url.status_code == 403
    assert in_url.json()[0]["description"].startswith("api_key: send it in the form body")
    assert len(seen) == before


@pytest.mark.parametrize(
    "key",
    [None, "no-colon", "unknown-client:secret", "{id}:wrong-secret", "{id}:{secret}&twice"],
)
async def test_a_missing_or_wrong_key_is_the_specs_403_and_reaches_nothing(
    gateway, api_client, seen, key
):
    before = len(seen)
    form = {"service_code": "education"}
    if key is not None:
        key = key.format(id=api_client["id"], secret=api_client["client_secret"])
        if key.endswith("&twice"):
            form["api_key"] = [key.removesuffix("&twice")] * 2  # type: ignore[assignment]
        else:
            form["api_key"] = key
    refused = await gateway.client.post("/open311/v2/requests.json", data=form)
    assert refused.status_code == 403, refused.text
    [error] = refused.json()
    assert error["code"] == 403 and error["description"].startswith("api_key:")
    as_xml = await gateway.client.post("/open311/v2/requests.xml", data=form)
    assert as_xml.status_code == 403
    assert ET.fromstring(as_xml.content).findtext("error/code") == "403"
    assert len(seen) == before


async def test_a_disabled_clients_key_stops_working(gateway):
    client = await gateway.create_client(office="KDI")
    key = f"{client['id']}:{client['client_secret']}"
    switched = await gateway.client.patch(
        f"/api/v1/auth/clients/{client['id']}",
        json={"disabled": True},
        headers=await gateway.headers(),
    )
    assert switched.status_code == 200, switched.text
    refused = await gateway.client.post(
        "/open311/v2/requests.json", data={"service_code": "education", "api_key": key}
    )
    assert refused.status_code == 403


async def test_guessing_a_key_is_throttled_as_sign_ins_are(gateway, seen):
    client = await gateway.create_client(office="KDI")
    free = gateway.settings.login_account_free_failures
    for _ in range(free):
        wrong = await gateway.client.post(
            "/open311/v2/requests.json", data={"api_key": f"{client['id']}:guess"}
        )
        assert wrong.status_code == 403
    before = len(seen)
    # Locked now, even with the right secret: the spec's list, with when to come back.
    locked = await gateway.client.post(
        "/open311/v2/requests.xml",
        data={"api_key": f"{client['id']}:{client['client_secret']}"},
    )
    assert locked.status_code == 429, locked.text
    assert int(locked.headers["retry-after"]) > 0
    assert ET.fromstring(locked.content).findtext("error/code") == "429"
    assert len(seen) == before
