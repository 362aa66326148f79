"""`/healthz`, `/readyz`, `/metrics`, and the merged OpenAPI document with its docs UI."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
from fastapi import APIRouter, FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import text

from apik_gateway.openapi import fetch_service_documents, merge_documents
from apik_gateway.settings import Settings
from apik_shared.db import Database

OPENAPI_URL = "/api/openapi.json"
DOCS_URL = "/api/docs"

router = APIRouter(include_in_schema=False)


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


async def _database_state(database: Database) -> str:
    try:
        async with database.engine.connect() as conn:
            await conn.execute(text("SELECT 1"))
    except Exception as exc:  # readiness reports any failure, it never raises
        return f"unreachable: {type(exc).__name__}"
    return "ok"


async def _service_state(client: httpx.AsyncClient, url: str) -> str:
    try:
        response = await client.get(f"{url.rstrip('/')}/readyz")
    except httpx.HTTPError as exc:
        return f"unreachable: {type(exc).__name__}"
    return "ok" if response.status_code == 200 else f"not ready ({response.status_code})"


@router.get("/readyz")
async def readyz(request: Request) -> JSONResponse:
    settings: Settings = request.app.state.settings
    client: httpx.AsyncClient = request.app.state.http
    names = sorted(settings.service_urls)
    database, *states = await asyncio.gather(
        _database_state(request.app.state.database),
        *(_service_state(client, settings.service_urls[n]) for n in names),
    )
    services = dict(zip(names, states, strict=True))
    ready = database == "ok" and all(s == "ok" for s in services.values())
    body: dict[str, Any] = {
        "status": "ready" if ready else "not ready",
        "checks": {"database": database, "services": services},
    }
    return JSONResponse(body, status_code=200 if ready else 503)


@router.get("/metrics")
async def metrics() -> Response:
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)


@router.get(OPENAPI_URL)
async def openapi_document(request: Request) -> JSONResponse:
    app: FastAPI = request.app
    settings: Settings = app.state.settings
    documents, unavailable = await fetch_service_documents(app.state.http, settings.service_urls)
    return JSONResponse(merge_documents(app.openapi(), documents, unavailable))


@router.get(DOCS_URL)
async def docs() -> HTMLResponse:
    return get_swagger_ui_html(
        openapi_url=OPENAPI_URL,
        title="APIK API",
        swagger_ui_parameters={"persistAuthorization": True},
    )
