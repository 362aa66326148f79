"""The live queue as server-sent events, so a screen at the desk stays current.

Each change to the office's queue (a visit checked in, assigned, started, paused,
resumed or ended) is sent as one `queue` event holding the whole queue; the screen
runs the clocks itself from `at`, `duration_seconds` and `clock_running`, so a ticking
clock is not a change. The database is polled (a query on an indexed, short list) rather
than listened to, which works the same behind any connection pooler; a comment line
keeps the connection open through proxies that drop an idle one.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Awaitable, Callable

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from apik_consultation.live.schemas import Queue


def _shape(queue: Queue) -> list[tuple[str, str, str | None, bool]]:
    return [(str(v.id), v.status.value, v.officer, v.clock_running) for v in queue.items]


def event(name: str, data: str) -> str:
    return f"event: {name}\ndata: {data}\n\n"


async def queue_events(
    *,
    sessions: async_sessionmaker[AsyncSession],
    snapshot: Callable[[AsyncSession], Awaitable[Queue]],
    disconnected: Callable[[], Awaitable[bool]],
    poll_seconds: float,
    heartbeat_seconds: float,
) -> AsyncIterator[str]:
    yield "retry: 3000\n\n"  # how soon a browser reconnects after a drop
    last: list[tuple[str, str, str | None, bool]] | None = None
    quiet_since = time.monotonic()
    while not await disconnected():
        async with sessions() as session:
            queue = await snapshot(session)
        if (shape := _shape(queue)) != last:
            last = shape
            quiet_since = time.monotonic()
            yield event("queue", json.dumps(queue.model_dump(mode="json"), separators=(",", ":")))
        elif time.monotonic() - quiet_since >= heartbeat_seconds:
            quiet_since = time.monotonic()
            yield ": keep-alive\n\n"
        await asyncio.sleep(poll_seconds)
