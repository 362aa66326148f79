"""Work a service does on its own clock, beside its requests and consumers."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, TypeVar

from fastapi import FastAPI

if TYPE_CHECKING:
    from apik_shared.platform.app import Background
    from apik_shared.platform.db import Database

Done = TypeVar("Done")

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


def periodic(
    *,
    every: float,
    name: str,
    once: Callable[[Database], Awaitable[Done]],
    report: Callable[[Done], None],
) -> Background:
    """A service's job: `once` on the app's database every `every` seconds for as long as
    the app runs (`repeat`), and what it did handed to `report` (which logs counts)."""

    async def run(app: FastAPI) -> None:
        database: Database = app.state.database

        async def turn() -> None:
            report(await once(database))

        await repeat(turn, every=every, name=name)

    return run
