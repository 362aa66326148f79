"""An app stopped right after it starts still stops, within seconds: a replica scaled
down by Kubernetes, or a test's second replica, may be stopped while its session
revocations follower is still subscribing to the stream. A stop that hangs there keeps
the process alive until it is killed (and stalls a CI run)."""

from __future__ import annotations

import asyncio
import secrets

import pytest
from fastapi import FastAPI

from apik_shared.platform.app import BUS_STOP_SECONDS, TASKS_STOP_SECONDS, create_service_app
from apik_shared.platform.db import Database
from apik_shared.platform.settings import ServiceSettings
from apik_shared.platform.tables import metadata as platform_metadata
from apik_testing.infra import TestInfra

# Starts stopped after 0, 2, 4 ... 30 ms, four times over: the follower subscribes and
# asks for its consumer's state within those first milliseconds, and the hang this
# guards against came about in about one of ten such stops (never the same one).
STARTS = 64
STEP_SECONDS = 0.002
# What one stop may take at most: the bounds of its tasks and of its bus, and a second
# for the rest (the database pool, the spans).
STOP_SECONDS = TASKS_STOP_SECONDS + BUS_STOP_SECONDS + 1


@pytest.fixture(scope="module")
async def settings(infra: TestInfra) -> ServiceSettings:
    url = await infra.adatabase("quickstop")
    database = Database(url)
    async with database.engine.begin() as conn:
        await conn.run_sync(platform_metadata.create_all)
    await database.dispose()
    return ServiceSettings(
        env="test",
        service_name="quickstop",
        database_url=url,
        nats_url=infra.nats_url,
        secret_key="test-secret-key",
        consumer_group="quick-" + secrets.token_hex(3),
    )


async def test_an_app_stopped_right_after_it_starts_stops_within_seconds(
    settings: ServiceSettings,
) -> None:
    for start in range(STARTS):
        app = create_service_app(settings=settings, title="quickstop", routers=[])
        lifespan = app.router.lifespan_context(app)
        await lifespan.__aenter__()
        # Stopped at a different moment of the start each time: before the bus is
        # connected, while the follower subscribes and asks for its consumer's state,
        # while it replays.
        await asyncio.sleep((start % 16) * STEP_SECONDS)
        stopping = asyncio.create_task(lifespan.__aexit__(None, None, None))
        done, _ = await asyncio.wait({stopping}, timeout=STOP_SECONDS)
        if not done:
            stuck = _stuck_tasks()
            await _force_stop(app, stopping)
            pytest.fail(f"start {start + 1}: the app did not stop within {STOP_SECONDS}s: {stuck}")
        stopping.result()


def _stuck_tasks() -> str:
    """Where the tasks left of the app wait, for the failure's message."""
    lines: list[str] = []
    for task in asyncio.all_tasks():
        name = task.get_name()
        if name == "revocations":
            chain: list[str] = []
            awaited: object = task.get_coro()
            while awaited is not None:
                frame = getattr(awaited, "cr_frame", None) or getattr(awaited, "ag_frame", None)
                if frame is not None:
                    chain.append(f"{frame.f_code.co_name}:{frame.f_lineno}")
                awaited = getattr(awaited, "cr_await", None) or getattr(awaited, "ag_await", None)
            lines.append(f"{name} at {' > '.join(chain)}")
    return "; ".join(lines) or "none named"


async def _force_stop(app: FastAPI, stopping: asyncio.Task[bool | None]) -> None:
    """Ends what a hung stop left behind, so the tests after this one run unharmed."""
    for task in asyncio.all_tasks():
        if task.get_name() == "revocations":
            task.cancel()
    await asyncio.wait({stopping}, timeout=STOP_SECONDS)
    if not stopping.done():
        stopping.cancel()
        await app.state.bus.stop()
        await app.state.database.dispose()
