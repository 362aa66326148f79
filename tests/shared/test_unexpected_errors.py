"""An unexpected error is a 500 problem that does not escape the app (pure, in process)."""

from __future__ import annotations

import httpx
from fastapi import FastAPI

from apik_shared.platform.middleware import RequestContextMiddleware
from apik_shared.platform.problems import install_problem_handlers


def broken_app() -> FastAPI:
    app = FastAPI()
    install_problem_handlers(app)
    app.add_middleware(RequestContextMiddleware)

    @app.get("/boom")
    async def boom() -> None:
        raise RuntimeError("a bug")

    return app


async def test_a_bug_is_a_500_problem_and_the_exception_stays_inside():
    # raise_app_exceptions: an exception escaping the app (which makes uvicorn drop the
    # connection, and with it the gateway's pooled one) would fail this request here.
    transport = httpx.ASGITransport(app=broken_app(), raise_app_exceptions=True)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        response = await client.get("/boom")
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"] == "/problems/internal-error"
    assert "a bug" not in response.text
    assert response.headers["x-request-id"]
