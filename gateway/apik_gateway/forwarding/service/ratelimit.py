"""Token buckets per client IP for the public routes (the report form, tracking).

The state is per replica, in memory: with N replicas a client gets at most N times the
rate, which is enough to stop a flood of bots without a database write per request.
"""

from __future__ import annotations

import time


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
