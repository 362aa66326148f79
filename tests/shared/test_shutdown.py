"""A service with consumers stops within seconds: `make up`, compose and Kubernetes kill a
process that takes 10 s, and a killed service never closes its database pool."""

from __future__ import annotations

import asyncio
import secrets
import time

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from apik_shared.platform.app import BUS_STOP_SECONDS, create_service_app
from apik_shared.platform.db import Database
from apik_shared.platform.events.consumer import ConsumerSpec
from apik_shared.platform.events.envelope import CloudEvent
from apik_shared.platform.settings import ServiceSettings
from apik_shared.platform.tables import metadata as platform_metadata
from apik_testing.infra import TestInfra
from apik_testing.polling import eventually


async def ignore(session: AsyncSession, event: CloudEvent) -> None:
    return None


async def test_a_service_with_consumers_stops_quickly(infra: TestInfra) -> None:
    url = await infra.adatabase("shutdown")
    database = Database(url)
    async with database.engine.begin() as conn:
        await conn.run_sync(platform_metadata.create_all)
    await database.dispose()
    settings = ServiceSettings(
        env="test",
        service_name="stopper",
        database_url=url,
        nats_url=infra.nats_url,
        secret_key="test-secret-key",
        consumer_group="stop-" + secrets.token_hex(3),
    )
    spec = ConsumerSpec(durable="stopper-sink", subjects=["apik.nobody.>"], handler=ignore)
    app = create_service_app(settings=settings, title="stopper", routers=[], consumers=[spec])
    lifespan = app.router.lifespan_context(app)
    await lifespan.__aenter__()
    bus = app.state.bus
    try:
        await eventually(lambda: asyncio.sleep(0, bus.connected), within=15)
        # Several empty fetches: each leaves a status message on the pull subscription.
        await asyncio.sleep(3)
    finally:
        started = time.monotonic()
        await lifespan.__aexit__(None, None, None)
        took = time.monotonic() - started
    assert took < BUS_STOP_SECONDS + 2, f"stopping took {took:.1f}s"
    assert not bus.connected
    probe = Database(url)
    try:
        async with probe.engine.connect() as conn:  # the service's pool closed its sessions
            others = await conn.scalar(
                sa.text(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            )
    finally:
        await probe.dispose()
    assert others == 0
