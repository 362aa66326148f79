"""The gateway process: `uvicorn apik_gateway.app:create_app --factory`.

The FastAPI app serves the gateway's own routes; `Gateway` sits in front of it and sends
forwarded prefixes straight to the forwarder. Migrations are run before start-up by
`python -m apik_shared.devstack.migrate apik_gateway`, never by the app.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI

from apik_gateway.audit.router import router as audit
from apik_gateway.bootstrap import bootstrap
from apik_gateway.clients.router import router as clients
from apik_gateway.forwarding.service import ClientAddress, Forwarder, Gateway, SharedRateLimit
from apik_gateway.jobs import purge_job
from apik_gateway.offices.router import router as offices
from apik_gateway.open311.router import router as open311
from apik_gateway.operations.router import router as operations
from apik_gateway.privacy.router import router as privacy
from apik_gateway.problems.router import router as problems
from apik_gateway.settings import Settings
from apik_gateway.tokens.router import jwks_router
from apik_gateway.tokens.router import router as tokens
from apik_gateway.tokens.service import DatabaseKeyVerifier, TokenSigner
from apik_gateway.users.router import router as users
from apik_gateway.webapp.service import WebApp
from apik_shared.platform.app import BUS_STOP_SECONDS, TASKS_STOP_SECONDS
from apik_shared.platform.crypto import FieldCipher
from apik_shared.platform.db import Database
from apik_shared.platform.events.bus import EventBus
from apik_shared.platform.logs import configure_logging
from apik_shared.platform.middleware import RequestContextMiddleware
from apik_shared.platform.openapi import install_openapi
from apik_shared.platform.problems import install_problem_handlers
from apik_shared.platform.routing import operation_id
from apik_shared.platform.sessions import SessionRevocations
from apik_shared.platform.tasks import stop_tasks
from apik_shared.platform.tracing import Tracer

# What the gateway asks of services besides forwarding: readiness and OpenAPI documents.
_CHECK_TIMEOUT = 3.0


def create_app(settings: Settings | None = None) -> Gateway:
    settings = settings or Settings()
    configure_logging(settings.service_name, settings.log_level)
    tracer = Tracer(settings.service_name, settings.otlp_endpoint)
    forwarder = Forwarder(
        service_urls=settings.service_urls,
        max_body_bytes=settings.max_body_bytes,
        read_timeout=settings.upstream_read_timeout,
        connect_timeout=settings.upstream_connect_timeout,
        max_idle=settings.upstream_max_idle,
        idle_seconds=settings.upstream_idle_seconds,
        public_limit=SharedRateLimit(
            rate=settings.public_rate_per_second,
            burst=settings.public_rate_burst,
            secret=settings.secret_key,
        ),
        clients=ClientAddress(str(network) for network in settings.trusted_proxies),
        access_log=settings.forward_access_log,
        tracer=tracer,
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        database = Database(settings.database_url, pool_size=settings.db_pool_size)
        # The gateway publishes the office registry and ended sessions; it consumes nothing
        # (it follows the ended sessions, below, as every service does).
        bus = EventBus(
            nats_url=settings.nats_url,
            service=settings.service_name,
            sessions=database.sessions,
            poll_seconds=settings.outbox_poll_seconds,
            keep_sent=settings.outbox_keep_sent,
            public_url=settings.public_url,
            metrics_seconds=settings.metrics_sample_seconds,
            tracer=tracer,
            stream_replicas=settings.stream_replicas,
        )
        app.state.settings = settings
        app.state.database = database
        forwarder.public_limit.attach(database.engine)
        app.state.signer = TokenSigner(settings.secret_key)
        # Seals the privacy registers' personal data (the DPO's data subjects' requests).
        app.state.cipher = FieldCipher(settings.pii_keys)
        app.state.verifier = DatabaseKeyVerifier(
            sessions=database.sessions, issuer=settings.jwt_issuer, audience=settings.jwt_audience
        )
        app.state.http = httpx.AsyncClient(
            timeout=httpx.Timeout(_CHECK_TIMEOUT, connect=settings.upstream_connect_timeout)
        )
        # The gateway's own routes refuse ended sessions as every service does.
        app.state.revocations = revocations = SessionRevocations()
        # Who signs in, for the throttle: the peer, or what a trusted proxy says it saw.
        app.state.client_address = forwarder.clients
        await bus.start()
        following = asyncio.create_task(revocations.follow(bus.connection), name="revocations")
        purging = asyncio.create_task(purge_job(app, settings), name="sign-in purge")
        try:
            await bootstrap(database.sessions, settings)
            yield
        finally:
            await stop_tasks((following, purging), within=TASKS_STOP_SECONDS)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(bus.stop(), BUS_STOP_SECONDS)
            forwarder.close()
            await app.state.http.aclose()
            await database.dispose()
            tracer.flush()

    app = FastAPI(
        title="APIK",
        version="0.1.0",
        summary="Complaint handling for the Ombudsman: one API for every service",
        lifespan=lifespan,
        # The gateway serves the merged document (operations/) instead of its own.
        openapi_url=None,
        docs_url=None,
        redoc_url=None,
        # Bodies sent without a length; a declared length is checked by `Gateway` first.
        max_body_size=settings.own_max_body_bytes,
        generate_unique_id_function=operation_id,
    )
    install_problem_handlers(app)
    install_openapi(app)
    app.add_middleware(RequestContextMiddleware, tracer=tracer)
    # Open311's own address (`/open311/v2/`): its key becomes a token, then the forwarder.
    app.state.forwarder = forwarder
    own = (
        tokens,
        jwks_router,
        users,
        clients,
        audit,
        offices,
        privacy,
        operations,
        problems,
        open311,
    )
    for router in own:
        app.include_router(router)
    # What no route matched: the web app's files and client routes, else the 404.
    app.router.default = WebApp(settings.web_dir, app.router.default)
    return Gateway(
        api=app,
        forward=forwarder,
        services=frozenset(settings.service_urls),
        own_max_body_bytes=settings.own_max_body_bytes,
        clients=forwarder.clients,
    )
