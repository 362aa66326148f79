"""Work the gateway does on its own clock: forgetting sign-in records that no longer
protect anyone.

Ended login sessions (with their refresh tokens) and quiet failed-sign-in counters would
otherwise pile up forever, one row per sign-in and per mistyped name. A session is kept
`ended_sessions_kept_days` after it ended (who was signed in when, for an incident's
investigation), and never while a token it issued could still be presented. Every
replica runs the loop: each statement deletes what is due, so two runs side by side
delete each row once.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from fastapi import FastAPI
from sqlalchemy import and_, delete, func, or_, select
from sqlmodel import col

from apik_gateway.models import LoginSession, LoginThrottle, RefreshToken, utcnow
from apik_gateway.settings import Settings
from apik_shared.platform.db import Database
from apik_shared.platform.jobs import repeat

log = logging.getLogger("apik.gateway.purge")


@dataclass(frozen=True)
class Purged:
    sessions: int = 0
    refresh_tokens: int = 0
    throttles: int = 0


async def purge_expired_once(
    database: Database, settings: Settings, now: datetime | None = None
) -> Purged:
    now = now or utcnow()
    kept_until = now - timedelta(days=settings.ended_sessions_kept_days)
    quiet_since = now - timedelta(seconds=settings.login_failures_forgotten_seconds)
    async with database.sessions() as session, session.begin():
        # Ended (expired or revoked) before the kept period, and no access token of it
        # still alive: a revocation of it no longer matters to any service.
        ended = select(col(LoginSession.id)).where(
            col(LoginSession.access_until) < now,
            # PostgreSQL's least() skips NULL: a session never revoked ended when it expired.
            func.least(LoginSession.revoked_at, LoginSession.expires_at) < kept_until,
        )
        tokens = await session.execute(
            delete(RefreshToken).where(col(RefreshToken.session_id).in_(ended))
        )
        sessions = await session.execute(
            delete(LoginSession).where(col(LoginSession.id).in_(ended))
        )
        # A counter that no longer locks nor counts (its failures are forgotten after a
        # quiet spell). One that still has refused attempts to tell the account's next
        # sign-in is kept for the kept period, so the warning is not lost overnight.
        throttles = await session.execute(
            delete(LoginThrottle).where(
                or_(
                    col(LoginThrottle.locked_until).is_(None), col(LoginThrottle.locked_until) < now
                ),
                or_(
                    col(LoginThrottle.last_failure_at).is_(None),
                    col(LoginThrottle.last_failure_at) < quiet_since,
                ),
                or_(
                    col(LoginThrottle.failed_since_success) == 0,
                    and_(
                        col(LoginThrottle.last_failure_at).is_not(None),
                        col(LoginThrottle.last_failure_at) < kept_until,
                    ),
                ),
            )
        )
    return Purged(
        sessions=sessions.rowcount,  # type: ignore[attr-defined]
        refresh_tokens=tokens.rowcount,  # type: ignore[attr-defined]
        throttles=throttles.rowcount,  # type: ignore[attr-defined]
    )


async def purge_job(app: FastAPI, settings: Settings) -> None:
    """The purge, every `purge_every_seconds`, for as long as the gateway runs."""
    database: Database = app.state.database

    async def purge() -> None:
        purged = await purge_expired_once(database, settings)
        if purged != Purged():
            log.info(
                "forgot %d ended session(s), %d refresh token(s), %d sign-in counter(s)",
                purged.sessions,
                purged.refresh_tokens,
                purged.throttles,
            )

    await repeat(purge, every=settings.purge_every_seconds, name="sign-in purge")
