"""Work the service does on its own clock: the periodic SLA breach scan.

Every replica runs the loop; the scan's advisory lock lets one of them work at a time
and the breach table keeps each publication single (see `service_sla.scan_breaches`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime

from fastapi import FastAPI

from apik_examination.service_sla import scan_breaches
from apik_examination.settings import Settings
from apik_shared.db import Database

log = logging.getLogger("apik.examination.sla")


async def scan_once(
    database: Database, settings: Settings, now: datetime | None = None, batch: int = 200
) -> int:
    """One full scan, a transaction per batch (the boundary commits, as for a request).

    Returns how many breaches this replica published.
    """
    at = now or datetime.now(UTC)
    published, after = 0, None
    while True:
        async with database.sessions() as session, session.begin():
            result = await scan_breaches(
                session=session, settings=settings, now=at, after=after, batch=batch
            )
        published += result.published
        if not result.locked or result.last_id is None:
            return published
        after = result.last_id


async def scan_forever(database: Database, settings: Settings) -> None:
    while True:
        try:
            published = await scan_once(database, settings)
            if published:
                log.info("published %d SLA breach(es)", published)
        except asyncio.CancelledError:
            raise
        except Exception:  # a database hiccup must not end the loop; the next turn retries
            log.warning("SLA scan failed; retrying at the next turn", exc_info=True)
        await asyncio.sleep(settings.sla_scan_seconds)


def with_sla_scan(app: FastAPI, settings: Settings) -> None:
    """Wraps the app's lifespan so the scan starts after the bus and stops before it."""
    inner = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with inner(app):
            task = asyncio.create_task(scan_forever(app.state.database, settings))
            try:
                yield
            finally:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task

    app.router.lifespan_context = lifespan
