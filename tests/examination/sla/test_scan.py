"""The breach scan on real PostgreSQL and NATS: its cost per batch, what it publishes,
and the warning state it leaves for the lists."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import event, text

from apik_examination.jobs import scan_once
from apik_shared.platform.db import Database
from apik_shared.vocabulary.calendar import OfficeCalendar
from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens
from tests.examination.builders import (
    days_ago,
    handoff,
    publish,
    replica_database,
    wait_for_case,
)

CASES = "/api/v1/examination/cases"
# Cases handed over with a decision days back: the scan reports a breach their past
# already held once they have settled (APIK_SLA_HISTORY_SETTLE_HOURS); here, at once.
NOW = timedelta(0)
# BKL is not in the test service's office registry: it counts in WIB (the default).
JAKARTA = OfficeCalendar()


async def new_cases(
    infra,
    service: RunningService,
    tokens: TestTokens,
    n: int,
    days_back: float = 0,
    decided_at: datetime | None = None,
) -> list[dict]:
    """`n` cases handed over now, `days_back` days ago or at `decided_at` (the handoff's
    date: the case opens then)."""
    if days_back:
        decided_at = days_ago(days_back)
    events = [handoff(decided_at=decided_at) for _ in range(n)]
    await asyncio.gather(*(publish(infra.nats_url, e) for e in events))
    examiner = tokens.headers("examiner")
    return [await wait_for_case(service, examiner, e.data["report_id"]) for e in events]


@asynccontextmanager
async def replica(service: RunningService) -> AsyncIterator[tuple[Database, list[str]]]:
    """A second replica's database handle, with the statements it sends recorded.

    Its own engine: the service's relay and consumers share theirs, and would be counted.
    """
    database = replica_database(service, pool_size=1)
    statements: list[str] = []

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        statements.append(statement)

    async with database.engine.connect() as connection:  # the first connection's setup
        await connection.execute(text("SELECT 1"))
    event.listen(database.engine.sync_engine, "before_cursor_execute", record)
    try:
        yield database, statements
    finally:
        await database.dispose()


async def breaches(service: RunningService, case: dict) -> int:
    return len(await service.outbox_events("case.sla_breached", subject=case["id"]))


async def test_a_scan_costs_a_fixed_number_of_statements_per_batch(infra, examination, tokens):
    # Handed over 90 days ago: 30 working days are long gone.
    late = await new_cases(infra, examination, tokens, 5, days_back=90)
    in_time = await new_cases(infra, examination, tokens, 7)
    async with replica(examination) as (database, statements):
        first = await scan_once(database, batch=1000, settle=NOW)
        cost_first = len(statements)
        statements.clear()
        second = await scan_once(database, batch=1000, settle=NOW)
        cost_second = len(statements)
    live = await examination.scalar(
        "SELECT count(*) FROM examination_case WHERE status NOT IN ('concluded', 'closed')"
    )
    assert live >= 12
    # Lock, cases, policies, the offices' calendars, event logs, the moved clocks, the
    # breaches, their events: the same eight for 12 cases as for 200, not one per case.
    assert cost_first <= 8 < live, statements
    # Nothing new: the clocks have not moved and the recorded breaches are turned away.
    assert cost_second <= 6, statements
    assert first == len(late) and second == 0
    for case in late:
        assert await breaches(examination, case) == 1
    for case in in_time:
        assert await breaches(examination, case) == 0


async def test_batches_publish_each_breach_once(infra, examination, tokens):
    late = await new_cases(infra, examination, tokens, 4, days_back=90)
    async with replica(examination) as (database, statements):
        # Small batches: several transactions, each as cheap as one big batch.
        published = await scan_once(database, batch=3, settle=NOW)
        batches = sum(1 for s in statements if "pg_try_advisory_xact_lock" in s)
        assert batches >= 2 and len(statements) <= 8 * batches, statements
        published += await scan_once(database, batch=3, settle=NOW)
    assert published >= len(late)  # and other modules' late cases, if any are left
    for case in late:
        [breach] = await examination.outbox_events("case.sla_breached", subject=case["id"])
        assert breach.data["policy_version"] == 1 and breach.data["target"] == 30
    head = tokens.headers("head")
    listed = await examination.client.get(
        CASES, params={"sla_state": "breached", "limit": 200}, headers=head
    )
    assert {c["id"] for c in late} <= {c["id"] for c in listed.json()["items"]}


def days_back_to_warning() -> int:
    """How many days ago a case opened that has used 26 of its 30 working days today:
    past the warning (80%: 24 days), before the due date (the 30th)."""
    today = JAKARTA.local_date(datetime.now(UTC))
    for days in range(26, 120):
        if JAKARTA.working_days_between(today - timedelta(days=days), today) == 26:
            return days
    raise AssertionError("no day has 26 working days since")


async def test_a_case_past_its_warning_lists_as_warning_and_the_scan_keeps_it(
    infra, examination, tokens
):
    """Handed over 26 working days ago: the opening's clock lists it as a warning at
    once, and the scan leaves it there, unbreached."""
    [case] = await new_cases(infra, examination, tokens, 1, days_back=days_back_to_warning())
    head = tokens.headers("head")

    async def listed(state: str) -> set[str]:
        response = await examination.client.get(
            CASES, params={"sla_state": state, "limit": 200}, headers=head
        )
        assert response.status_code == 200, response.text
        return {c["id"] for c in response.json()["items"]}

    assert case["id"] in await listed("warning")
    await scan_once(examination.app.state.database)
    assert case["id"] in await listed("warning")
    for other in ("on_track", "breached", "paused"):
        assert case["id"] not in await listed(other), other
    detail = (await examination.client.get(f"{CASES}/{case['id']}", headers=head)).json()
    assert detail["sla"]["state"] == "warning" and detail["sla"]["elapsed"] == 26
    assert detail["sla"]["remaining"] == 4
    assert await breaches(examination, case) == 0


async def test_a_2022_case_closed_in_time_in_2022_is_never_breached(infra, examination, tokens):
    """Today's clock is years past its due date while the office enters the case, but
    the case closed within it: the scan in between reports nothing, and after it, met."""
    decided = datetime(2022, 2, 1, 2, 0, tzinfo=UTC)  # 09:00 WIB, Tuesday 1 February
    [case] = await new_cases(infra, examination, tokens, 1, decided_at=decided)
    assert case["sla_state"] == "breached"  # as entered so far: open since 2022
    database = examination.app.state.database
    await scan_once(database)  # the running job's turn, during the entry
    assert await breaches(examination, case) == 0
    closed = await examination.client.post(
        f"{CASES}/{case['id']}/closure",
        # 18 February: 13 working days after the 1st (2-4, 7-11, 14-18), of 30.
        json={
            "outcome": "withdrawn",
            "route": "reporter_request",
            "closed_at": "2022-02-18T10:00:00+07:00",
        },
        headers=tokens.headers("examiner"),
    )
    assert closed.status_code == 200, closed.text
    assert closed.json()["sla"]["state"] == "met" and closed.json()["sla"]["elapsed"] == 13
    await scan_once(database, settle=NOW)
    assert await breaches(examination, case) == 0
    [event] = await examination.outbox_events("case.closed", subject=case["id"])
    assert event.data["durations"]["sla_state"] == "met"
    assert event.data["durations"]["sla_elapsed"] == 13


async def test_a_2022_case_left_open_breaches_on_its_own_due_date_once_settled(
    infra, examination, tokens
):
    decided = datetime(2022, 2, 1, 2, 0, tzinfo=UTC)
    [case] = await new_cases(infra, examination, tokens, 1, decided_at=decided)
    database = examination.app.state.database
    await scan_once(database, settle=timedelta(hours=24))  # entered a moment ago
    assert await breaches(examination, case) == 0
    await scan_once(database, settle=NOW)  # as the scan a day later sees it
    [breach] = await examination.outbox_events("case.sla_breached", subject=case["id"])
    # 30 working days from 1 February 2022: 19 in February (less Isra Mi'raj on the
    # 28th: 18), then March 1, 2, 4 (Nyepi on the 3rd), 7-11, 14-17: the 30th is 17
    # March; the breach is at the start of the 18th in Jakarta.
    assert breach.data["due_on"] == "2022-03-17"
    assert datetime.fromisoformat(breach.data["breached_at"]) == datetime(
        2022, 3, 17, 17, 0, tzinfo=UTC
    )
