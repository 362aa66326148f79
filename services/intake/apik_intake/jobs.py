"""Work intake does on its own clock: withdrawing reports past their completion deadline.

Every replica runs the loop; `steps.service.close_overdue` makes each report close once.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from fastapi import FastAPI

from apik_intake.settings import Settings
from apik_intake.steps.service import close_overdue
from apik_shared.platform.app import Background
from apik_shared.platform.db import Database
from apik_shared.platform.jobs import repeat

log = logging.getLogger("apik.intake.deadlines")


async def close_overdue_once(database: Database, now: datetime | None = None) -> int:
    """One run in its own transaction (the boundary commits, as for a request)."""
    async with database.sessions() as session, session.begin():
        return await close_overdue(session=session, now=now or datetime.now(UTC))


def deadline_job(settings: Settings) -> Background:
    """The withdrawal, every `APIK_DEADLINE_SCAN_SECONDS`, for as long as the app runs."""

    async def run(app: FastAPI) -> None:
        database: Database = app.state.database

        async def withdraw() -> None:
            if closed := await close_overdue_once(database):
                log.info("withdrew %d report(s) past their completion deadline", closed)

        await repeat(withdraw, every=settings.deadline_scan_seconds, name="deadline job")

    return run


def jobs(settings: Settings) -> list[Background]:
    return [deadline_job(settings)]
