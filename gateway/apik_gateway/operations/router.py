"""`/healthz`, `/readyz`, `/metrics`, the merged OpenAPI document with its docs UI, and
the events' contract: the AsyncAPI document and each event type's JSON Schema.

None of them is in the OpenAPI document: they are for probes, scrapers and people.
`/metrics` asks for an administrator's token; the others are open.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from apik_gateway.deps import Admin, CurrentSettings
from apik_gateway.operations import service
from apik_gateway.operations.rules import merge_documents
from apik_shared.platform.events.envelope import SCHEMA_PATH
from apik_shared.platform.events.schemas import asyncapi_document, event_classes, event_schema
from apik_shared.platform.problems import NotFound
from apik_shared.platform.routing import ServiceRouter

OPENAPI_URL = "/api/openapi.json"
ASYNCAPI_URL = "/api/asyncapi.json"
DOCS_URL = "/api/docs"
# Swagger UI from the web app's build (npm's swagger-ui-dist, copied by vite.config.ts),
# not from a CDN: an office network is often offline.
DOCS_ASSETS = "/api-docs"

router = ServiceRouter(include_in_schema=False)


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz")
async def readyz(request: Request, settings: CurrentSettings) -> JSONResponse:
    ready, body = await service.readiness(
        database=request.app.state.database,
        client=request.app.state.http,
        service_urls=settings.service_replicas,
    )
    return JSONResponse(body, status_code=200 if ready else 503)


# On the public port, so for administrators only: the counters tell who uses which
# service how much, and a scraper is a client like any other (Prometheus's `oauth2`
# scrape setting takes an API client's credentials and its token from /api/v1/auth/token).
# The services' own /metrics listen on their private ports, which the gateway never forwards.
@router.get("/metrics")
async def metrics(_: Admin) -> Response:
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)


@router.get(OPENAPI_URL)
async def openapi_document(request: Request, settings: CurrentSettings) -> JSONResponse:
    app: FastAPI = request.app
    documents, unavailable = await service.fetch_service_documents(
        client=app.state.http, service_urls=settings.service_replicas
    )
    return JSONResponse(merge_documents(app.openapi(), documents, unavailable))


@router.get(DOCS_URL)
async def docs() -> HTMLResponse:
    return get_swagger_ui_html(
        openapi_url=OPENAPI_URL,
        title="APIK API",
        swagger_js_url=f"{DOCS_ASSETS}/swagger-ui-bundle.js",
        swagger_css_url=f"{DOCS_ASSETS}/swagger-ui.css",
        swagger_favicon_url=f"{DOCS_ASSETS}/favicon-32x32.png",
        swagger_ui_parameters={"persistAuthorization": True},
    )


# The events are the payload classes of this release: built once per public address.
@lru_cache(maxsize=4)
def _asyncapi(public_url: str) -> dict[str, Any]:
    return asyncapi_document(public_url=public_url)


@lru_cache(maxsize=4)
def _event_schemas(public_url: str) -> dict[str, dict[str, Any]]:
    return {
        event_type: event_schema(cls, public_url=public_url)
        for event_type, cls in event_classes().items()
    }


_CONTRACT_HEADERS = {"Cache-Control": "public, max-age=3600"}


@router.get(ASYNCAPI_URL)
async def asyncapi(settings: CurrentSettings) -> JSONResponse:
    return JSONResponse(_asyncapi(settings.public_url), headers=_CONTRACT_HEADERS)


@router.get(SCHEMA_PATH)
async def event_data_schema(event_type: str, settings: CurrentSettings) -> JSONResponse:
    schema = _event_schemas(settings.public_url).get(event_type)
    if schema is None:
        raise NotFound(f"No event type {event_type!r}; {ASYNCAPI_URL} lists them all.")
    return JSONResponse(schema, media_type="application/schema+json", headers=_CONTRACT_HEADERS)
