"""The purge forgets ended sessions and quiet sign-in counters, and nothing that still
protects someone: a session whose token may still be presented, a lock, or a warning the
account's next sign-in has yet to hear."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlmodel import col

from apik_gateway.jobs import Purged, purge_expired_once
from apik_gateway.models import LoginSession, LoginThrottle, RefreshToken
from apik_shared.platform.db import Database
from apik_testing.infra import TestInfra
from tests.gateway.builders import gateway_settings, migrated_database

NOW = datetime(2026, 12, 5, 8, 0, tzinfo=UTC)
DAY = timedelta(days=1)


def login(name: str, *, ended: timedelta, revoked: timedelta | None = None) -> LoginSession:
    """A session that expired (or will) `ended` after NOW; its last token lives 5 minutes
    past the later of its revocation and NOW-`ended`, as the gateway issues them."""
    expires_at = NOW + ended
    last_token = min(expires_at, NOW + revoked if revoked is not None else expires_at)
    return LoginSession(
        id=name,
        subject=f"user:{name}",
        created_at=expires_at - timedelta(hours=12),
        expires_at=expires_at,
        access_until=last_token + timedelta(minutes=5),
        revoked_at=NOW + revoked if revoked is not None else None,
        revoked_reason="logout" if revoked is not None else None,
    )


def refresh(session_id: str, n: int) -> RefreshToken:
    return RefreshToken(
        token_hash=f"{session_id}-{n}".ljust(64, "0"),
        session_id=session_id,
        issued_at=NOW - 60 * DAY,
        expires_at=NOW - 59 * DAY,
    )


def counter(key: str, **fields: Any) -> LoginThrottle:
    return LoginThrottle(scope="account", key=key, **fields)


async def test_the_purge_forgets_only_what_protects_no_one(infra: TestInfra) -> None:
    settings = gateway_settings(await migrated_database(infra))
    assert settings.ended_sessions_kept_days == 30
    assert settings.login_failures_forgotten_seconds == 3600
    database = Database(settings.database_url, pool_size=2)
    try:
        async with database.sessions() as session, session.begin():
            session.add_all(
                [
                    login("expired-40-days-ago", ended=-40 * DAY),
                    # Revoked 31 days ago, although it would have lasted to 20 days ago.
                    login("revoked-31-days-ago", ended=-20 * DAY, revoked=-31 * DAY),
                    login("expired-10-days-ago", ended=-10 * DAY),
                    login("live", ended=timedelta(hours=4)),
                ]
            )
            await session.flush()
            session.add_all([refresh("expired-40-days-ago", n) for n in (1, 2)])
            session.add_all([refresh("revoked-31-days-ago", 1), refresh("live", 1)])
            session.add_all(
                [
                    counter("quiet", failures=2, last_failure_at=NOW - 2 * timedelta(hours=1)),
                    counter(
                        "locked",
                        failures=9,
                        last_failure_at=NOW - timedelta(hours=2),
                        locked_until=NOW + timedelta(minutes=1),
                    ),
                    counter("recent", failures=1, last_failure_at=NOW - timedelta(minutes=10)),
                    counter(
                        "to-be-told",
                        failures=3,
                        failed_since_success=3,
                        last_failure_at=NOW - 2 * DAY,
                    ),
                    counter(
                        "told-too-late",
                        failures=3,
                        failed_since_success=3,
                        last_failure_at=NOW - 31 * DAY,
                    ),
                ]
            )

        purged = await purge_expired_once(database, settings, now=NOW)

        assert purged == Purged(sessions=2, refresh_tokens=3, throttles=2)
        async with database.sessions() as session:
            sessions = set((await session.scalars(select(col(LoginSession.id)))).all())
            tokens = set((await session.scalars(select(col(RefreshToken.session_id)))).all())
            counters = set((await session.scalars(select(col(LoginThrottle.key)))).all())
        assert sessions == {"expired-10-days-ago", "live"}
        assert tokens == {"live"}
        assert counters == {"locked", "recent", "to-be-told"}

        # A second run, as on another replica, finds nothing more.
        assert await purge_expired_once(database, settings, now=NOW) == Purged()
    finally:
        await database.dispose()
