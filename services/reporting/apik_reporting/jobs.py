"""Work reporting does on its own clock: folding the monthly counts (`monthly.fold`).

Every replica runs the loop; an advisory lock lets one fold at a time.
"""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime, timedelta

from apik_reporting.read_model.service import monthly
from apik_reporting.settings import Settings
from apik_shared.platform.app import Background
from apik_shared.platform.db import Database
from apik_shared.platform.jobs import periodic

log = logging.getLogger("apik.reporting.fold")


def fold_horizon(today: date) -> date:
    """The first day of last month: this month's and last month's counts are still being
    written to (late closures, the office calendar's edge), so they stay as they are."""
    return (today.replace(day=1) - timedelta(days=1)).replace(day=1)


async def fold_once(database: Database, today: date | None = None) -> int:
    """One fold in its own transaction (the boundary commits, as for a request)."""
    before = fold_horizon(today or datetime.now(UTC).date())
    async with database.sessions() as session, session.begin():
        return await monthly.fold(session=session, before=before)


def _folded(rows: int) -> None:
    if rows:
        log.info("folded %d monthly count row(s)", rows)


def fold_job(settings: Settings) -> Background:
    """The fold, every `APIK_FOLD_SECONDS`, for as long as the app runs."""
    return periodic(every=settings.fold_seconds, name="fold job", once=fold_once, report=_folded)
