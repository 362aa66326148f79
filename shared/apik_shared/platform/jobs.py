"""Work a service does on its own clock, beside its requests and consumers."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

log = logging.getLogger("apik.jobs")


async def repeat(job: Callable[[], Awaitable[object]], *, every: float, name: str) -> None:
    """Runs `job` every `every` seconds until cancelled.

    Every replica runs the loop, so a job must be safe to run side by side (row locks,
    advisory locks, idempotent writes). A failing run is logged and the next one retries:
    a database hiccup must not end the loop.
    """
    while True:
        try:
            await job()
        except asyncio.CancelledError:
            raise
        except Exception:
            log.warning("%s failed; retrying at the next turn", name, exc_info=True)
        await asyncio.sleep(every)
