"""The statements a batch of events makes, run together.

The projection's writes converge whatever the order of events (see `projection.py`), so a
batch's statements may run grouped, in the order each statement first appeared, instead
of a round trip per event. An upsert takes its rows as one JSON parameter
(`apik_shared.platform.bulk`), so its rows go in as few statements as their keys allow: one row
per key in each (PostgreSQL refuses to change a row twice in one statement), a key's
later rows in later statements, so each key keeps its events' order. Few statements
matter beyond the round trips: the monthly counts' triggers run once per statement
(reporting migration 0004).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql import Executable

from apik_shared.platform.bulk import as_json


class Writes:
    def __init__(self) -> None:
        self.calls: dict[Executable, list[dict[str, Any]]] = {}

    async def execute(self, statement: Executable, params: dict[str, Any] | None = None) -> None:
        self.calls.setdefault(statement, []).append(params or {})

    async def run(self, session: AsyncSession) -> None:
        for statement, rows in self.calls.items():
            if isinstance(statement, Insert):  # an upsert (`projection._upsert_statement`)
                for some in rounds(statement, rows):
                    await session.execute(statement, as_json(some))
            else:
                await session.execute(statement, rows)
        self.calls.clear()


def rounds(statement: Insert, rows: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """An upsert's rows in rounds, each key at most once per round, in order."""
    key = [column.name for column in statement.table.primary_key]
    out: list[list[dict[str, Any]]] = []
    seen: dict[tuple[Any, ...], int] = {}
    for row in rows:
        value = tuple(row.get(name) for name in key)
        n = seen[value] = seen.get(value, -1) + 1
        if n == len(out):
            out.append([])
        out[n].append(row)
    return out
