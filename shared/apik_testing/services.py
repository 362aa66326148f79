"""A service under test, in process: migrated database, real NATS, lifespan running."""

from __future__ import annotations

import base64
import os
import secrets
from collections.abc import AsyncIterator, Iterator
from contextlib import AsyncExitStack, asynccontextmanager, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

import httpx
from fastapi import FastAPI
from sqlalchemy import text

from apik_shared.platform.events.envelope import CloudEvent
from apik_shared.platform.migrations import upgrade
from apik_shared.platform.settings import ServiceSettings
from apik_testing.infra import TestInfra
from apik_testing.tokens import TestTokens


async def migrated_database(infra: TestInfra, package: str) -> str:
    """A database of its own, migrated to head: a copy of one migrated once per run."""

    async def migrate(url: str) -> None:
        await upgrade(url, f"{package}:migrations")

    return await infra.acopy(package.removeprefix("apik_"), f"{package}:migrations", migrate)


S = TypeVar("S", bound=ServiceSettings)


async def service_settings(
    settings_class: type[S], infra: TestInfra, package: str, **extra: Any
) -> S:
    """Settings for a service under test: its own migrated database and consumer group,
    and its own NATS user, held to its own subjects as in production."""
    return settings_class(
        env="test",
        database_url=await migrated_database(infra, package),
        nats_url=infra.nats_url_for(package.removeprefix("apik_")),
        secret_key="test-secret-key",
        # Its own durable consumers: other services under test share this NATS server.
        consumer_group="test-" + secrets.token_hex(4),
        # Only what happens from now on: earlier tests' events are not this service's.
        consumer_start_time=datetime.now(UTC),
        # Tests read what a service emitted from its outbox (`outbox_events`).
        outbox_keep_sent=True,
        **extra,
    )


def test_keyring() -> str:
    return "test:" + base64.urlsafe_b64encode(os.urandom(32)).decode()


@dataclass
class RunningService:
    app: FastAPI
    client: httpx.AsyncClient

    async def scalar(self, sql: str, **params: Any) -> Any:
        """One value straight from the service's database, for assertions."""
        async with self.app.state.database.sessions() as session:
            return (await session.execute(text(sql), params)).scalar()

    async def outbox_events(self, event_type: str, subject: str | None = None) -> list[CloudEvent]:
        """The events this service has put in its outbox (sent or not), oldest first."""
        async with self.app.state.database.sessions() as session:
            rows = await session.execute(
                text("SELECT payload FROM outbox WHERE subject LIKE :pattern ORDER BY created_at"),
                {"pattern": f"apik.%.{event_type}"},
            )
            events = [CloudEvent.from_json(row.payload) for row in rows]
        return [e for e in events if subject is None or e.subject == subject]


@contextmanager
def _api_document_on_demand(app: FastAPI) -> Iterator[None]:
    """While the app starts, its API document is not built: FastAPI builds it on the
    first request for it (`app.openapi()`) and keeps it.

    A service builds its document at start-up so that the gateway's merge, which has a
    short timeout, finds it ready (`create_service_app`). In process nothing merges it,
    and the build takes seconds (4-6 s for intake on a busy machine): paid at every
    start of a service under test, hundreds per run, it was a third of the suite."""
    build = app.openapi
    app.openapi = dict  # type: ignore[method-assign]
    try:
        yield
    finally:
        app.openapi = build  # type: ignore[method-assign]


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """The app's lifespan (bus, relay, consumers, background tasks), as `make up` runs it
    but for the API document, built when first asked for (`_api_document_on_demand`)."""
    async with AsyncExitStack() as stack:
        with _api_document_on_demand(app):
            await stack.enter_async_context(app.router.lifespan_context(app))
        yield


@asynccontextmanager
async def running(app: FastAPI, tokens: TestTokens) -> AsyncIterator[RunningService]:
    """Runs the app's lifespan (bus, relay, consumers) and gives a client bound to it."""
    async with lifespan(app):
        app.state.verifier = tokens.verifier()
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://service") as client:
            yield RunningService(app, client)
