"""The gateway serves the built web app at `/`, its client routes, and the API docs'
assets, while every API path keeps its own answer."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from apik_gateway.app import create_app
from tests.gateway.builders import gateway_settings
from tests.gateway.servers import serve

INDEX = "<!doctype html><title>APIK</title><div id=root></div>"


@pytest.fixture
def build(tmp_path: Path) -> Path:
    """A stand-in for `frontend/dist`: what Vite writes, in miniature."""
    (tmp_path / "assets").mkdir()
    (tmp_path / "api-docs").mkdir()
    (tmp_path / "index.html").write_text(INDEX)
    (tmp_path / "assets" / "index-abc123.js").write_text("console.log('apik')")
    (tmp_path / "api-docs" / "swagger-ui.css").write_text("body{}")
    (tmp_path.parent / "outside.txt").write_text("not the app's")
    return tmp_path


async def test_the_app_at_the_root_with_its_security_headers(client: httpx.AsyncClient) -> None:
    response = await client.get("/")
    assert response.status_code == 200
    assert response.text == INDEX
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["cache-control"] == "no-cache"
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert response.headers["referrer-policy"] == "no-referrer"


async def test_client_routes_answer_the_app(client: httpx.AsyncClient) -> None:
    for path in ("/lapor", "/lacak?nomor=LM-1", "/registrasi", "/masuk"):
        response = await client.get(path)
        assert response.status_code == 200, path
        assert response.text == INDEX, path


async def test_the_red_button_page_is_never_stored(client: httpx.AsyncClient) -> None:
    for path in ("/tombol-merah", "/tombol-merah/pesan"):
        response = await client.get(path)
        assert response.status_code == 200, path
        assert response.text == INDEX, path
        assert response.headers["cache-control"] == "no-store", path
        assert response.headers["referrer-policy"] == "no-referrer", path
    assert (await client.get("/lapor")).headers["cache-control"] == "no-cache"


async def test_assets_are_served_and_cached_for_good(client: httpx.AsyncClient) -> None:
    response = await client.get("/assets/index-abc123.js")
    assert response.status_code == 200
    assert response.text == "console.log('apik')"
    assert "javascript" in response.headers["content-type"]
    assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
    docs_css = await client.get("/api-docs/swagger-ui.css")
    assert docs_css.status_code == 200
    assert docs_css.text == "body{}"


async def test_a_missing_asset_is_a_404_not_the_app(client: httpx.AsyncClient) -> None:
    response = await client.get("/assets/gone-999.js")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


async def test_nothing_outside_the_build_is_served(client: httpx.AsyncClient) -> None:
    for path in ("/../outside.txt", "/%2e%2e/outside.txt", "/assets/..%2f..%2foutside.txt"):
        response = await client.get(path)
        assert "not the app's" not in response.text, path


async def test_api_paths_keep_their_own_answers(client: httpx.AsyncClient) -> None:
    unknown = await client.get("/api/v1/auth/nothing-here")
    assert unknown.status_code == 404
    assert unknown.headers["content-type"] == "application/problem+json"
    # A wrong method on an API path is still a 405, not the app.
    wrong_method = await client.get("/api/v1/auth/token")
    assert wrong_method.status_code == 405
    assert (await client.get("/healthz")).json() == {"status": "ok"}
    # A POST to a client route is not the app either.
    assert (await client.post("/lapor")).status_code in {404, 405}


async def test_the_docs_page_loads_swagger_from_the_gateway_not_a_cdn(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get("/api/docs")
    assert response.status_code == 200
    assert 'src="/api-docs/swagger-ui-bundle.js"' in response.text
    assert 'href="/api-docs/swagger-ui.css"' in response.text
    assert "cdn" not in response.text.lower()


async def test_without_a_build_the_root_is_a_plain_404(
    gateway_database: str, tmp_path: Path
) -> None:
    settings = gateway_settings(gateway_database, web_dir=tmp_path / "never-built")
    async with serve(create_app(settings)) as url, httpx.AsyncClient(base_url=url) as client:
        response = await client.get("/")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
