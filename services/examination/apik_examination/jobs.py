"""Work the service does on its own clock: the periodic SLA breach scan.

Every replica runs the loop; the scan's advisory lock lets one of them work at a time
and the breach table keeps each publication single (see `sla.service.scan_breaches`).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from fastapi import FastAPI

from apik_examination.settings import Settings
from apik_examination.sla.service import scan_breaches
from apik_shared.platform.app import Background
from apik_shared.platform.db import Database
from apik_shared.platform.jobs import repeat

log = logging.getLogger("apik.examination.sla")


async def scan_once(
    database: Database,
    now: datetime | None = None,
    batch: int = 200,
    settle: timedelta | None = None,
) -> int:
    """One full scan, a transaction per batch (the boundary commits, as for a request).

    `settle`: how long a case entered with its past waits before a breach that past held
    is reported (`APIK_SLA_HISTORY_SETTLE_HOURS`; default, the setting's default).
    Returns how many breaches this replica published.
    """
    at = now or datetime.now(UTC)
    if settle is None:
        settle = timedelta(hours=Settings.model_fields["sla_history_settle_hours"].default)
    published, after = 0, None
    while True:
        async with database.sessions() as session, session.begin():
            result = await scan_breaches(
                session=session, now=at, after=after, batch=batch, settle=settle
            )
        published += result.published
        if not result.locked or result.last_id is None:
            return published
        after = result.last_id


def sla_scan(settings: Settings) -> Background:
    """The scan, every `APIK_SLA_SCAN_SECONDS`, for as long as the app runs."""

    async def run(app: FastAPI) -> None:
        database: Database = app.state.database

        settle = timedelta(hours=settings.sla_history_settle_hours)

        async def scan() -> None:
            if published := await scan_once(database, settle=settle):
                log.info("published %d SLA breach(es)", published)

        await repeat(scan, every=settings.sla_scan_seconds, name="SLA scan")

    return run
