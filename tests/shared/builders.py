"""Helpers shared by the platform's event tests."""

from __future__ import annotations

import sqlalchemy as sa

from apik_shared.platform.db import Database


async def all_applied_once(db: Database, ids: list[str]) -> bool:
    """Whether each of `ids` has its effect, failing at once if one has two."""
    async with db.sessions() as session:
        total, distinct = (
            await session.execute(
                sa.text(
                    "SELECT count(*), count(DISTINCT event_id) FROM effect "
                    "WHERE event_id = ANY(:ids)"
                ),
                {"ids": ids},
            )
        ).one()
    assert total == distinct, "an event was applied twice"
    return total == len(ids)
