"""A consumer process that is SIGKILLed the moment its first batch has committed, before
it acknowledges any of its messages: the window between a batch's commit and its acks,
made certain. The tests that run it look at what it left and start the next process.

    python -m tests.shared.crashing_consumer \\
        DATABASE_URL NATS_URL ACK_WAIT GROUP START SPEC [ARG ...]

SPEC is `module:function`, called with the ARGs, giving the `ConsumerSpec` whose batch
handler runs (a real service's, or `tests.shared.builders:effect_spec`); GROUP the
consumer group ("" for none); START an ISO instant the durable starts from, or "-" for
the stream's beginning. The outbox keeps what the handler emitted (`keep_sent`).
"""

from __future__ import annotations

import asyncio
import importlib
import os
import signal
import sys
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import event as orm_events
from sqlalchemy.ext.asyncio import AsyncSession

from apik_shared.platform.db import Database
from apik_shared.platform.events.bus import EventBus
from apik_shared.platform.events.consumer import BatchHandler, ConsumerSpec
from apik_shared.platform.events.envelope import CloudEvent

# Long enough for the backlog to come; the test fails on the exit code if it ends so.
WAIT_SECONDS = 60


def die(session: Any) -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def dying_after(batch_handler: BatchHandler) -> BatchHandler:
    async def apply_then_die(session: AsyncSession, events: Sequence[CloudEvent]) -> None:
        await batch_handler(session, events)
        orm_events.listen(session.sync_session, "after_commit", die)

    return apply_then_die


def spec_from(path: str, args: Sequence[str]) -> ConsumerSpec:
    module, function = path.split(":")
    spec: ConsumerSpec = getattr(importlib.import_module(module), function)(*args)
    assert spec.batch_handler is not None, f"{path} has no batch handler"
    return replace(spec, batch_handler=dying_after(spec.batch_handler))


async def main(argv: Sequence[str]) -> None:
    database_url, nats_url, ack_wait, group, start, path, *args = argv
    spec = spec_from(path, args)
    bus = EventBus(
        nats_url=nats_url,
        service=spec.durable.split("-")[0],
        sessions=Database(database_url).sessions,
        consumers=[spec],
        consumer_group=group,
        consumer_ack_wait=float(ack_wait),
        consumer_start_time=None if start == "-" else datetime.fromisoformat(start),
        keep_sent=True,
    )
    await bus.start()
    await asyncio.sleep(WAIT_SECONDS)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1:]))
    sys.exit("no batch came")
