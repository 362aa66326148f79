"""Failed sign-ins, throttled per account name and per client address.

The records live in the database, so every replica counts together, and are written in
transactions of their own: the failed request's transaction is rolled back, its count
must stay. An account name is counted whether or not it exists (same answers, same
timing), so the throttle says nothing about which accounts there are; the names and
addresses are kept only as keyed hashes.
"""

from __future__ import annotations

import hashlib
import hmac
import math
from dataclasses import dataclass

from sqlalchemy import select, tuple_
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import col

from apik_gateway.models import LoginThrottle, utcnow
from apik_gateway.settings import Settings
from apik_gateway.tokens.rules import (
    ThrottlePolicy,
    count_attempt,
    forgive,
    refuse_attempt,
    retry_after,
)
from apik_shared.platform.problems import TooManyRequests

ACCOUNT, ADDRESS = "account", "address"


class TooManyAttempts(TooManyRequests):
    """Sign-ins for this account or from this address are locked for a while after
    repeated failures; wait the `Retry-After` seconds."""

    slug, title = "too-many-sign-in-attempts", "Too many failed sign-in attempts"
    indonesian_title = "Terlalu banyak percobaan masuk yang gagal"


@dataclass(frozen=True)
class Throttle:
    account: ThrottlePolicy
    address: ThrottlePolicy
    secret: str

    @classmethod
    def from_settings(cls, settings: Settings) -> Throttle:
        def policy(free: int) -> ThrottlePolicy:
            return ThrottlePolicy(
                free_failures=free,
                base_seconds=settings.login_lock_base_seconds,
                max_seconds=settings.login_lock_max_seconds,
                forgotten_seconds=settings.login_failures_forgotten_seconds,
            )

        return cls(
            account=policy(settings.login_account_free_failures),
            address=policy(settings.login_address_free_failures),
            secret=settings.secret_key,
        )

    def key(self, scope: str, value: str) -> str:
        return hmac.new(
            self.secret.encode(), f"{scope}:{value}".encode(), hashlib.sha256
        ).hexdigest()


@dataclass(frozen=True)
class Attempt:
    """A sign-in under way: whose name was typed, from where."""

    throttle: Throttle
    account: str
    address: str

    def keys(self) -> list[tuple[str, str]]:
        return [
            (ACCOUNT, self.throttle.key(ACCOUNT, self.account)),
            (ADDRESS, self.throttle.key(ADDRESS, self.address)),
        ]

    def policy(self, scope: str) -> ThrottlePolicy:
        return self.throttle.account if scope == ACCOUNT else self.throttle.address


async def _records(session: AsyncSession, attempt: Attempt) -> list[LoginThrottle]:
    """Both records, locked; in one order for every request, so two never deadlock."""
    keys = attempt.keys()
    await session.execute(
        pg_insert(LoginThrottle)
        .values([{"scope": scope, "key": key} for scope, key in keys])
        .on_conflict_do_nothing()
    )
    query = (
        select(LoginThrottle)
        .where(tuple_(col(LoginThrottle.scope), col(LoginThrottle.key)).in_(keys))
        .order_by(col(LoginThrottle.scope))
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return list((await session.execute(query)).scalars())


async def begin_attempt(sessions: async_sessionmaker[AsyncSession], attempt: Attempt) -> None:
    """Counts the attempt as failed (a success takes it back), or refuses it with 429
    while the account name or the address is locked, without checking the secret."""
    now = utcnow()
    async with sessions() as session, session.begin():
        records = await _records(session, attempt)
        waits = [wait for r in records if (wait := retry_after(r, now)) is not None]
        for record in records:
            if waits:
                refuse_attempt(record)
            else:
                count_attempt(attempt.policy(record.scope), record, now)
    if waits:
        seconds = math.ceil(max(waits))
        raise TooManyAttempts(
            f"Too many failed sign-in attempts: try again in {seconds} seconds.",
            headers={"Retry-After": str(seconds)},
            error="slow_down",
        )


async def succeed_attempt(sessions: async_sessionmaker[AsyncSession], attempt: Attempt) -> int:
    """The secret was right: the account starts afresh. Returns how many attempts on
    the account failed or were refused since its last successful sign-in."""
    async with sessions() as session, session.begin():
        told = 0
        for record in await _records(session, attempt):
            forgiven = forgive(record, signed_in=record.scope == ACCOUNT)
            told = forgiven if record.scope == ACCOUNT else told
    return told
