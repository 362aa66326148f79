"""The statements a batch of events makes, run together.

The projection's writes converge whatever the order of events (see `projection.py`), so a
batch's statements may run grouped: one executemany per statement, in the order each
statement first appeared, instead of a round trip per event. Within a group, rows keep
their events' order.
"""

from __future__ import annotations

from typing import Any, Protocol

from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql import Executable


class Writer(Protocol):
    """What the projection writes to: a session, or `Writes` keeping the statements."""

    async def execute(self, statement: Executable, params: dict[str, Any] | None = None) -> Any: ...


class Writes:
    def __init__(self) -> None:
        self.calls: dict[Executable, list[dict[str, Any]]] = {}

    async def execute(self, statement: Executable, params: dict[str, Any] | None = None) -> None:
        self.calls.setdefault(statement, []).append(params or {})

    async def run(self, session: AsyncSession) -> None:
        for statement, rows in self.calls.items():
            await session.execute(statement, rows)
        self.calls.clear()
