"""The public routes' rate limit (the report form, tracking): per client, shared by
every replica.

Two gates. `TokenBuckets`, in memory, refuses a flood at no cost; what it lets through
is counted by `SharedRateLimit` in the gateway's database, the limit every replica
sees. PostgreSQL rather than NATS key-value: one atomic upsert decides a request (a
key-value store needs a read and a compare-and-set, retried under contention), the
clock is the database's (replicas' clocks may differ), and the gateway already holds a
pool to it. The local gate keeps the database's share small: a client flooding one
replica costs at most its allowed rate in upserts, never its request rate.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import ipaddress
import logging
import time

from sqlalchemy import Float, bindparam, text
from sqlalchemy.ext.asyncio import AsyncEngine

log = logging.getLogger("apik.gateway.ratelimit")


class TokenBuckets:
    def __init__(self, *, rate: float, burst: int, max_keys: int = 100_000) -> None:
        self.rate = rate
        self.burst = float(burst)
        self.max_keys = max_keys
        self._buckets: dict[str, tuple[float, float]] = {}  # key -> (tokens, updated)

    def take(self, key: str, now: float | None = None) -> float:
        """0 when a request may pass, else the seconds until one may."""
        now = time.monotonic() if now is None else now
        tokens, updated = self._buckets.get(key, (self.burst, now))
        tokens = min(self.burst, tokens + (now - updated) * self.rate)
        if tokens >= 1.0:
            self._buckets[key] = (tokens - 1.0, now)
            if len(self._buckets) > self.max_keys:
                self._forget_full(now)
            return 0.0
        self._buckets[key] = (tokens, now)
        return (1.0 - tokens) / self.rate

    def _forget_full(self, now: float) -> None:
        """Drops buckets that have refilled: forgetting them changes nothing."""
        self._buckets = {
            key: (tokens, updated)
            for key, (tokens, updated) in self._buckets.items()
            if tokens + (now - updated) * self.rate < self.burst
        }
        if len(self._buckets) > self.max_keys:  # a flood from very many addresses
            self._buckets.clear()


# GCRA (the generic cell rate algorithm): one number per client, the "theoretical
# arrival time" `tat` (epoch seconds, the database's clock). A request at `now` passes
# when max(tat, now) - now <= (burst - 1) x interval, and moves tat one interval on;
# a refused request changes nothing. A tat in the past is a full bucket, so expired
# rows can be deleted at any time.
_TAKE = text(
    """
    WITH clock AS (
        SELECT CAST(extract(epoch FROM statement_timestamp()) AS double precision) AS now
    )
    INSERT INTO public_rate_limit AS r (key, tat, allowed)
    SELECT :key, clock.now + :interval, true FROM clock
    ON CONFLICT (key) DO UPDATE SET
        allowed = greatest(r.tat, (SELECT now FROM clock))
            <= (SELECT now FROM clock) + :tolerance,
        tat = CASE
            WHEN greatest(r.tat, (SELECT now FROM clock)) <= (SELECT now FROM clock) + :tolerance
            THEN greatest(r.tat, (SELECT now FROM clock)) + :interval
            ELSE r.tat END
    RETURNING r.allowed, r.tat - (SELECT now FROM clock) - :tolerance
    """
).bindparams(bindparam("interval", type_=Float), bindparam("tolerance", type_=Float))
_FORGET = text(
    "DELETE FROM public_rate_limit WHERE tat < extract(epoch FROM statement_timestamp())"
)


def client_key(address: str, secret: bytes) -> str:
    """What a client is counted under: an IPv6 client by its /64 (one subscriber's
    prefix, whose addresses it may rotate at will), and only a keyed hash of it is
    stored: no address sits in the database."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        parsed = None
    if isinstance(parsed, ipaddress.IPv6Address) and parsed.ipv4_mapped is None:
        address = str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return hashlib.blake2b(address.encode(), key=secret, digest_size=16).hexdigest()


class SharedRateLimit:
    """The public limit in the database, after the in-memory gate."""

    def __init__(
        self,
        *,
        rate: float,
        burst: int,
        secret: str,
        timeout: float = 1.0,
        forget_every: float = 60.0,
    ) -> None:
        self.local = TokenBuckets(rate=rate, burst=burst)
        self.interval = 1.0 / rate
        self.tolerance = (burst - 1) * self.interval
        self.secret = hashlib.sha256(b"apik-gateway:rate-limit:" + secret.encode()).digest()
        self.timeout = timeout
        self.forget_every = forget_every
        self.engine: AsyncEngine | None = None
        self._forgetting: asyncio.Task[None] | None = None
        self._warned_at = -1e9

    def attach(self, engine: AsyncEngine) -> None:
        """Uses the gateway's database (from start-up on) and sweeps expired rows."""
        self.engine = engine
        self._forgetting = asyncio.get_running_loop().create_task(self._forget_expired())

    def close(self) -> None:
        if self._forgetting is not None:
            self._forgetting.cancel()
        self.engine = None

    async def take(self, address: str) -> float:
        """0 when a request from `address` may pass, else the seconds until one may."""
        wait = self.local.take(address)
        if wait > 0 or self.engine is None:
            return wait
        try:
            async with asyncio.timeout(self.timeout), self.engine.begin() as conn:
                allowed, shared_wait = (
                    await conn.execute(
                        _TAKE,
                        {
                            "key": client_key(address, self.secret),
                            "interval": self.interval,
                            "tolerance": self.tolerance,
                        },
                    )
                ).one()
        except Exception:
            # The database is the shared memory, not the gate: without it each replica
            # still holds its own limit rather than refusing every citizen.
            self._warn()
            return 0.0
        return 0.0 if allowed else max(float(shared_wait), 0.001)

    def _warn(self) -> None:
        now = time.monotonic()
        if now - self._warned_at > 60:
            self._warned_at = now
            log.warning("the shared rate limit is unavailable; limiting per replica", exc_info=True)

    async def _forget_expired(self) -> None:
        while self.engine is not None:
            await asyncio.sleep(self.forget_every)
            with contextlib.suppress(Exception):
                async with self.engine.begin() as conn:
                    await conn.execute(_FORGET)
