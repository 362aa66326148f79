"""A batch of events written together (an upsert's rows in few multi-row statements, the
live consumer's path) leaves the facts and their monthly counts exactly as applying the
events one by one does, in any order and with copies: the projection's writes converge,
so grouping them is safe."""

from __future__ import annotations

import random
from typing import Any

from sqlalchemy import text

from apik_reporting.consumers import read_model_spec
from apik_reporting.read_model.service.projection import project
from apik_shared.platform.events.envelope import CloudEvent
from apik_testing.services import RunningService
from tests.reporting.builders import at, closed, event, office, served, year_of_activity

YEAR = 2027
FACTS = {
    "report_fact": "report_id",
    "case_fact": "case_id",
    "visit_fact": "visit_id",
    "survey_fact": "case_id",
}


# The monthly counts the indicators read, whichever sessions' shards hold them.
CELLS = """
SELECT month, family, k1, k2, sum(n) AS n, sum(sum1) AS sum1, sum(n1) AS n1,
       sum(sum2) AS sum2, sum(n2) AS n2
FROM fact_month WHERE office = :o GROUP BY 1, 2, 3, 4
HAVING sum(n) <> 0 OR sum(sum1) <> 0 OR sum(n1) <> 0 OR sum(sum2) <> 0 OR sum(n2) <> 0
ORDER BY 1, 2, 3, 4
"""


async def facts(reporting: RunningService, code: str) -> dict[str, list[dict[str, Any]]]:
    """Every fact row of the office, and its monthly counts."""
    async with reporting.app.state.database.sessions() as session:
        found = {}
        for table, key in FACTS.items():
            rows = await session.execute(
                text(f"SELECT * FROM {table} WHERE office = :o ORDER BY {key}"), {"o": code}
            )
            found[table] = [dict(row._mapping) for row in rows]
        found["fact_month"] = [
            dict(row._mapping) for row in await session.execute(text(CELLS), {"o": code})
        ]
        return found


async def forget(reporting: RunningService, code: str) -> None:
    async with reporting.app.state.database.sessions() as session, session.begin():
        for table in FACTS:
            await session.execute(text(f"DELETE FROM {table} WHERE office = :o"), {"o": code})


def activity(code: str) -> list[CloudEvent]:
    events = year_of_activity(code, YEAR)
    case = next(e for e in events if e.type == "case.opened")
    # A reopened case closed again, and a closure arriving after a later one.
    events.append(closed(case, at(YEAR, 11), working_days=50, outcome="resolved_by_agency"))
    events.append(closed(case, at(YEAR, 8), working_days=10))
    # A visit's end that lost its check-in, before and after its rated twin.
    end = served(code, at(YEAR, 6), minutes=12)
    lost = {k: v for k, v in end.data.items() if k != "checked_in_at"}
    events += [event("visit.ended", lost, end.subject or ""), end]
    return events


async def test_a_batch_written_together_equals_the_events_one_by_one(reporting):
    code = office()
    database = reporting.app.state.database
    events = activity(code)
    async with database.sessions() as session, session.begin():
        for e in events:
            await project(session, e)
    one_by_one = await facts(reporting, code)
    assert all(one_by_one.values()), "every fact table has rows of this office"

    batch_handler = read_model_spec(reporting.app.state.settings).batch_handler
    assert batch_handler is not None
    shuffled = random.Random(7)
    for order in (events, events[::-1], shuffled.sample(events + events[:9], len(events) + 9)):
        await forget(reporting, code)
        async with database.sessions() as session, session.begin():
            await batch_handler(session, order)
        assert await facts(reporting, code) == one_by_one
