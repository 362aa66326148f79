"""Work the service does on its own clock: the periodic SLA breach scan, and the move
of cases to resolution and monitoring after the LHP.

Every replica runs both loops; the scan's advisory lock lets one of them work at a time
and the breach table keeps each publication single (see `sla.service.scan_breaches`);
the monitoring move locks the case rows it moves (see `followup.service.start_monitoring`).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from apik_examination.followup.service import start_monitoring
from apik_examination.settings import Settings
from apik_examination.sla.service import scan_breaches
from apik_shared.platform.app import Background
from apik_shared.platform.db import Database
from apik_shared.platform.jobs import periodic

log = logging.getLogger("apik.examination.sla")
monitoring_log = logging.getLogger("apik.examination.monitoring")


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


def _breaches(published: int) -> None:
    if published:
        log.info("published %d SLA breach(es)", published)


def sla_scan(settings: Settings) -> Background:
    """The scan, every `APIK_SLA_SCAN_SECONDS`, for as long as the app runs."""
    settle = timedelta(hours=settings.sla_history_settle_hours)
    return periodic(
        every=settings.sla_scan_seconds,
        name="SLA scan",
        once=lambda database: scan_once(database, settle=settle),
        report=_breaches,
    )


async def monitoring_once(database: Database, now: datetime | None = None, batch: int = 200) -> int:
    """One pass of the move to resolution and monitoring, a transaction per batch.

    Returns how many cases this replica moved (each with its `case.monitoring_started`).
    """
    at = now or datetime.now(UTC)
    started, after = 0, None
    while True:
        async with database.sessions() as session, session.begin():
            result = await start_monitoring(session=session, now=at, after=after, batch=batch)
        started += result.started
        if result.last_id is None:
            return started
        after = result.last_id


def _monitored(started: int) -> None:
    if started:
        monitoring_log.info("moved %d case(s) to resolution and monitoring", started)


def monitoring_scan(settings: Settings) -> Background:
    """The move to monitoring, every `APIK_MONITORING_SCAN_SECONDS`, while the app runs."""
    return periodic(
        every=settings.monitoring_scan_seconds,
        name="monitoring scan",
        once=monitoring_once,
        report=_monitored,
    )
