"""Examination's handoff consumer SIGKILLed the moment a batch of cases committed, before
its acks (`tests/shared/crashing_consumer.py`): the handoffs come again to the next
process, which opens no second case and publishes no second `case.opened`.

Two guards stand behind this (docs/reliability.md, promise 2): the inbox, and the
unique report of a case. With the inbox alone broken this test still passes, by the
second; the platform's own test of the window (`tests/shared/test_consumer_faults.py`)
is the one that fails then."""

from __future__ import annotations

import asyncio
import secrets
import signal
import sys
from datetime import UTC, datetime
from pathlib import Path

import nats
import sqlalchemy as sa

from apik_examination.consumers import handoff_consumer
from apik_shared.platform.db import Database
from apik_shared.platform.events.bus import EventBus
from apik_shared.platform.events.envelope import STREAM_NAME
from apik_testing.infra import TestInfra
from apik_testing.polling import eventually
from apik_testing.services import migrated_database
from tests.examination.builders import handoff, publish

ROOT = Path(__file__).resolve().parents[3]
BACKLOG = 20  # published before the consumer exists: fetched in batches
ACK_WAIT = 2.0  # how soon the server redelivers what was not acked


async def settled(infra: TestInfra, durable: str) -> bool:
    nc = await nats.connect(infra.nats_url)
    try:
        info = await nc.jetstream().consumer_info(STREAM_NAME, durable)
    finally:
        await nc.close()
    return info.num_pending == 0 and info.num_ack_pending == 0


async def scalar(database: Database, sql: str) -> int:
    async with database.sessions() as session:
        return int((await session.execute(sa.text(sql))).scalar_one())


async def test_handoffs_committed_by_a_killed_consumer_open_each_case_once(infra):
    url = await migrated_database(infra, "apik_examination")
    group = "test-" + secrets.token_hex(4)
    start = datetime.now(UTC)  # this test's handoffs only
    events = [handoff(office="BKL") for _ in range(BACKLOG)]
    for event in events:
        await publish(infra.nats_url, event)
    child = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tests.shared.crashing_consumer",
        url, infra.nats_url, str(ACK_WAIT), group, start.isoformat(),
        "apik_examination.consumers:handoff_consumer",
        cwd=ROOT,
    )  # fmt: skip
    assert await asyncio.wait_for(child.wait(), 90) == -signal.SIGKILL
    database = Database(url)
    try:
        # A batch of cases committed, its handoffs not acknowledged.
        assert await scalar(database, "SELECT count(*) FROM examination_case") > 1
        bus = EventBus(
            nats_url=infra.nats_url,
            service="examination",
            sessions=database.sessions,
            consumers=[handoff_consumer()],
            consumer_group=group,
            consumer_ack_wait=ACK_WAIT,
            keep_sent=True,
        )
        await bus.start()
        try:
            durable = bus.consumers[0].durable
            await eventually(lambda: settled(infra, durable), within=30)
        finally:
            await bus.stop()
        per_report = "SELECT count(*) - count(DISTINCT report_id) FROM examination_case"
        assert await scalar(database, per_report) == 0, "a report has two cases"
        reports = "SELECT count(DISTINCT report_id) FROM examination_case"
        assert await scalar(database, reports) == BACKLOG
        opened = "SELECT count(*) FROM outbox WHERE subject LIKE '%.case.opened'"
        assert await scalar(database, opened) == BACKLOG
        assert await scalar(database, "SELECT count(*) FROM inbox") == BACKLOG
        assert await scalar(database, "SELECT count(*) FROM dead_letter") == 0
    finally:
        await database.dispose()
