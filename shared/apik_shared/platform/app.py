"""The one way a component builds its FastAPI app.

Every service gets the same things from here: problem+json errors, request context,
`/healthz`, `/readyz`, `/metrics`, the database, token verification (with the sessions
the gateway revoked, followed from the stream), and its event bus (outbox relay and
consumers) started and stopped with the app.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Sequence
from contextlib import asynccontextmanager
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import text

from apik_shared.platform.auth import JWKSVerifier
from apik_shared.platform.db import Database
from apik_shared.platform.events.bus import EventBus
from apik_shared.platform.events.consumer import ConsumerSpec
from apik_shared.platform.heap import settle_after_startup
from apik_shared.platform.logs import configure_logging
from apik_shared.platform.middleware import RequestContextMiddleware
from apik_shared.platform.offices import office_consumer
from apik_shared.platform.openapi import install_openapi
from apik_shared.platform.problems import install_problem_handlers
from apik_shared.platform.routing import operation_id
from apik_shared.platform.sessions import SessionRevocations
from apik_shared.platform.settings import ServiceSettings
from apik_shared.platform.tasks import stop_tasks
from apik_shared.platform.tracing import Tracer

log = logging.getLogger("apik.app")
Hook = Callable[[FastAPI], Awaitable[None]]
# A coroutine that runs as long as the app does (see apik_shared.platform.jobs.repeat).
Background = Callable[[FastAPI], Coroutine[Any, Any, None]]
# How long stopping the event bus may take: it closes its connection at once, but
# `make up`, compose and Kubernetes all kill a process that takes 10 s to stop, and the
# database pool must still be closed cleanly. Nothing is lost by cutting it short:
# unsent events are still in the outbox, unacknowledged ones are redelivered.
BUS_STOP_SECONDS = 3.0
# How long the app's own tasks (its jobs, the revocations follower) may take to stop,
# within the same 10 s: they end at once when cancelled, unless a cancellation is lost
# and must be repeated (see apik_shared.platform.tasks).
TASKS_STOP_SECONDS = 2.0


async def app_settings(request: Request) -> ServiceSettings:
    """The app's settings, for each service's `CurrentSettings` dependency (deps.py):
    `Annotated[Settings, Depends(app_settings)]`. Async on purpose: FastAPI runs a plain
    `def` dependency in its thread pool, for what is an attribute read."""
    settings: ServiceSettings = request.app.state.settings
    return settings


def api_prefix(service: str) -> str:
    return f"/api/v1/{service}"


def create_service_app(
    *,
    settings: ServiceSettings,
    title: str,
    routers: Sequence[APIRouter],
    consumers: Sequence[ConsumerSpec] = (),
    on_startup: Sequence[Hook] = (),
    background: Sequence[Background] = (),
    version: str = "0.1.0",
) -> FastAPI:
    service = settings.service_name
    configure_logging(service, settings.log_level)
    tracer = Tracer(service, settings.otlp_endpoint)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        database = Database(settings.database_url, pool_size=settings.db_pool_size)
        bus = EventBus(
            nats_url=settings.nats_url,
            service=service,
            sessions=database.sessions,
            consumers=[office_consumer(service), *consumers],
            poll_seconds=settings.outbox_poll_seconds,
            consumer_group=settings.consumer_group,
            consumer_ack_wait=settings.consumer_ack_wait_seconds,
            consumer_start_time=settings.consumer_start_time,
            keep_sent=settings.outbox_keep_sent,
            public_url=settings.public_url,
            metrics_seconds=settings.metrics_sample_seconds,
            tracer=tracer,
            stream_replicas=settings.stream_replicas,
        )
        app.state.settings = settings
        app.state.database = database
        app.state.bus = bus
        app.state.tracer = tracer
        app.state.verifier = JWKSVerifier(
            jwks_url=settings.jwks_url, issuer=settings.jwt_issuer, audience=settings.jwt_audience
        )
        app.state.revocations = revocations = SessionRevocations()
        await bus.start()
        for hook in on_startup:
            await hook(app)
        # The API document is built now, not on its first request: the gateway merges it
        # with a short timeout, and a large service's first build on a busy machine
        # could outlast it, leaving the service out of /api/docs.
        app.openapi()
        # Start-up is over: what it built stays for good, out of the collector's walks.
        settle_after_startup()
        tasks = [asyncio.create_task(run(app)) for run in background]
        tasks.append(asyncio.create_task(revocations.follow(bus.connection), name="revocations"))
        try:
            yield
        finally:
            await stop_tasks(tasks, within=TASKS_STOP_SECONDS)
            try:
                await asyncio.wait_for(bus.stop(), BUS_STOP_SECONDS)
            except TimeoutError:
                log.warning("the event bus did not stop within %gs; moving on", BUS_STOP_SECONDS)
            await database.dispose()
            tracer.flush()  # sends the spans still waiting in its batch

    prefix = api_prefix(service)
    app = FastAPI(
        title=title,
        version=version,
        lifespan=lifespan,
        openapi_url=f"{prefix}/openapi.json",
        docs_url=f"{prefix}/docs",
        redoc_url=None,
        generate_unique_id_function=operation_id,
    )
    install_problem_handlers(app)
    install_openapi(app)
    app.add_middleware(RequestContextMiddleware, tracer=tracer)
    for router in routers:
        app.include_router(router, prefix=prefix)
    app.include_router(operations_router())
    return app


def operations_router() -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.get("/healthz")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @router.get("/readyz")
    async def readyz(request: Request) -> JSONResponse:
        checks: dict[str, Any] = {}
        database: Database = request.app.state.database
        try:
            async with database.engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
            checks["database"] = "ok"
        except Exception as exc:  # readiness reports any failure, it never raises
            checks["database"] = f"unreachable: {type(exc).__name__}"
        bus: EventBus = request.app.state.bus
        checks["nats"] = "ok" if bus.connected else "unreachable"
        ready = all(v == "ok" for v in checks.values())
        return JSONResponse(
            {"status": "ready" if ready else "not ready", "checks": checks},
            status_code=200 if ready else 503,
        )

    @router.get("/metrics")
    async def metrics() -> Response:
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    return router
