"""Work intake does on its own clock: withdrawing reports past their completion deadline.

Every replica runs the loop; `verification.close_overdue` makes each report close once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime

from fastapi import FastAPI

from apik_intake.settings import Settings
from apik_intake.verification import close_overdue
from apik_shared.db import Database

log = logging.getLogger("apik.intake.deadlines")


async def close_overdue_once(database: Database, now: datetime | None = None) -> int:
    """One run in its own transaction (the boundary commits, as for a request)."""
    async with database.sessions() as session, session.begin():
        return await close_overdue(session=session, now=now or datetime.now(UTC))


async def close_overdue_forever(database: Database, settings: Settings) -> None:
    while True:
        try:
            if closed := await close_overdue_once(database):
                log.info("withdrew %d report(s) past their completion deadline", closed)
        except asyncio.CancelledError:
            raise
        except Exception:  # a database hiccup must not end the loop; the next turn retries
            log.warning("deadline job failed; retrying at the next turn", exc_info=True)
        await asyncio.sleep(settings.deadline_scan_seconds)


def with_deadline_job(app: FastAPI, settings: Settings) -> None:
    """Wraps the app's lifespan so the job starts after the bus and stops before it."""
    inner = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with inner(app):
            task = asyncio.create_task(close_overdue_forever(app.state.database, settings))
            try:
                yield
            finally:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task

    app.router.lifespan_context = lifespan
