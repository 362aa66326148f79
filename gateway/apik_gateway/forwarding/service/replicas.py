"""The replicas of one service: a keep-alive pool each, taken in turn.

Each request starts at the next replica (round-robin). A replica that refused a
connection or dropped one mid-request is passed over for `rest_seconds` (tried last,
not never), so while one of two replicas is down, requests go to the other at once
instead of half of them paying a failed connect first.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from apik_gateway.forwarding.rules import replica_order
from apik_gateway.forwarding.service.upstream import UpstreamPool


class Replicas:
    def __init__(
        self,
        urls: Sequence[str],
        *,
        connect_timeout: float,
        read_timeout: float,
        max_idle: int,
        idle_seconds: float,
        rest_seconds: float = 2.0,
    ) -> None:
        self.pools = [
            UpstreamPool(
                url,
                connect_timeout=connect_timeout,
                read_timeout=read_timeout,
                max_idle=max_idle,
                idle_seconds=idle_seconds,
            )
            for url in urls
        ]
        # Every replica answers for the same service: the first one's name in `Host`.
        self.host_header = self.pools[0].host_header
        self.rest_seconds = rest_seconds
        self._turn = 0
        self._failed_at = [float("-inf")] * len(self.pools)

    def order(self) -> list[UpstreamPool]:
        """The pools to try for one request, in order."""
        if len(self.pools) == 1:
            return self.pools
        turn, self._turn = self._turn, (self._turn + 1) % len(self.pools)
        since = asyncio.get_running_loop().time() - self.rest_seconds
        down = {i for i, at in enumerate(self._failed_at) if at > since}
        return [self.pools[i] for i in replica_order(len(self.pools), turn, down)]

    def failed(self, pool: UpstreamPool) -> None:
        """`pool`'s replica could not be reached: pass it over for a while."""
        if len(self.pools) > 1:
            self._failed_at[self.pools.index(pool)] = asyncio.get_running_loop().time()

    def close(self) -> None:
        for pool in self.pools:
            pool.close()
