"""Stopping the tasks an app started, within a bounded time, whatever they are doing.

A single `task.cancel()` is not enough on Python 3.11: `asyncio.wait_for` returns the
result instead of raising when its task is cancelled in the same turn of the loop as the
awaited future completes (CPython gh-86296, fixed only by 3.12's rewrite). nats-py
awaits every request's reply that way, so a task cancelled as a reply arrives carries on
as if nothing happened, and an app awaiting it never finishes stopping; Kubernetes then
kills it, its database pool unclosed. So the cancellation is repeated while the task
runs, and after `within` seconds the app stops without it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable

log = logging.getLogger("apik.tasks")

# How long a cancelled task may take before it is cancelled again: a task honouring its
# cancellation ends within a few turns of the loop, and cleanup that awaits (an
# unsubscribe, a rollback) is rarely interrupted by the next cancellation.
RECANCEL_SECONDS = 0.25


async def stop_tasks(tasks: Iterable[asyncio.Task[object]], *, within: float) -> None:
    """Cancels `tasks` and waits until they have ended, cancelling again those still
    running, for at most `within` seconds; those still running then are logged and left.
    Their failures are logged too (they have nobody else to report to)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    running = set(tasks)
    while running:
        for task in running:
            task.cancel()
        left = deadline - loop.time()
        if left <= 0:
            names = ", ".join(sorted(task.get_name() for task in running))
            log.warning("tasks still running %gs after their cancellation: %s", within, names)
            break
        done, running = await asyncio.wait(running, timeout=min(RECANCEL_SECONDS, left))
        for task in done:
            if not task.cancelled() and task.exception() is not None:
                log.error("%s failed", task.get_name(), exc_info=task.exception())
