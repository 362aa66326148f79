"""A consumer process that is SIGKILLed the moment its first batch has committed, before
it acknowledges any of its messages: the window between a batch's commit and its acks,
made certain (`test_consumer_faults.py` runs it and looks at what it left).

    python -m tests.shared.crashing_consumer DATABASE_URL NATS_URL PRODUCER ACK_WAIT
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import Sequence
from typing import Any

from sqlalchemy import event as orm_events
from sqlalchemy.ext.asyncio import AsyncSession

from apik_shared.platform.db import Database
from apik_shared.platform.events.bus import EventBus
from apik_shared.platform.events.consumer import ConsumerSpec
from apik_shared.platform.events.envelope import CloudEvent
from tests.shared.builders import record_effect, record_effects

# Long enough for the backlog to come; the test fails on the exit code if it ends so.
WAIT_SECONDS = 60


def die(session: Any) -> None:
    os.kill(os.getpid(), signal.SIGKILL)


async def record_then_die(session: AsyncSession, events: Sequence[CloudEvent]) -> None:
    await record_effects(session, events)
    orm_events.listen(session.sync_session, "after_commit", die)


async def main(database_url: str, nats_url: str, producer: str, ack_wait: float) -> None:
    database = Database(database_url)
    spec = ConsumerSpec(
        durable=f"{producer}-c",
        subjects=[f"apik.{producer}.>"],
        handler=record_effect,
        batch_handler=record_then_die,
    )
    bus = EventBus(
        nats_url=nats_url,
        service=producer,
        sessions=database.sessions,
        consumers=[spec],
        consumer_ack_wait=ack_wait,
    )
    await bus.start()
    await asyncio.sleep(WAIT_SECONDS)


if __name__ == "__main__":
    url, nats_url, producer, ack_wait = sys.argv[1:]
    asyncio.run(main(url, nats_url, producer, float(ack_wait)))
    sys.exit("no batch came")
