"""`python -m apik_reporting.read_model.service.rebuild`: drop the read model and replay
the stream into it.

The stream keeps every event (limits retention, no age limit: see docs/events.md), so
replaying it from the first message with an ephemeral ordered consumer reaches the
numbers the live consumer reached. Targets are input, not read model: they stay.

The live consumer may keep running. Both record what they applied in the same inbox
(one consumer name), so an event applied by one is skipped by the other; the facts and
those inbox rows are dropped together, in one transaction.

The office registry is not read model (the shared consumer keeps it): it stays, so the
replay counts each office in its latest zone from the start. A batch's office events
apply first, on their own, before its lanes (they restate the office's facts, which
lanes writing those facts side by side would meet).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
import zlib
from collections import defaultdict
from dataclasses import dataclass
from typing import TextIO

import nats
from nats.aio.msg import Msg
from nats.errors import TimeoutError as NatsTimeoutError
from nats.js import api
from sqlalchemy import delete, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from apik_reporting.consumers import DEAD_LETTERS, EVERY_EVENT, inbox_name
from apik_reporting.read_model.service.projection import OFFICE_EVENTS, project_all
from apik_reporting.settings import Settings
from apik_shared.platform.db import Database
from apik_shared.platform.events.bus import nats_servers
from apik_shared.platform.events.envelope import STREAM_NAME, CloudEvent, InvalidEnvelope
from apik_shared.platform.tables import inbox

FACT_TABLES = (
    "report_fact",
    "case_fact",
    "visit_fact",
    "survey_fact",
    "intern_fact",
    "red_button_fact",
    "assessment_fact",
    "suggestion_fact",
    "clinic_fact",
    "focal_point_change_fact",
    "agreement_fact",
)


@dataclass
class Replay:
    messages: int = 0  # read from the stream
    applied: int = 0  # changed the read model's inbox (new events)
    skipped: int = 0  # dead letters, unreadable messages, events applied already
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        return self.messages / self.seconds if self.seconds else 0.0


async def drop_read_model(session: AsyncSession, consumer: str) -> None:
    await session.execute(text(f"TRUNCATE {', '.join(FACT_TABLES)}"))
    await session.execute(delete(inbox).where(inbox.c.consumer == consumer))


def _readable(msg: Msg) -> CloudEvent | None:
    """The event a message carries; None for dead letters and unreadable messages."""
    if msg.subject.startswith(DEAD_LETTERS):
        return None
    try:
        return CloudEvent.from_json(msg.data)
    except InvalidEnvelope:
        return None


async def _apply_lane(database: Database, consumer: str, events: list[CloudEvent]) -> int:
    """Applies `events` in order in one transaction (their writes together, at the end,
    with one look-up of their offices' zones); returns how many were new."""
    new: list[CloudEvent] = []
    async with database.sessions() as session, session.begin():
        for event in events:
            first_time = await session.execute(
                pg_insert(inbox)
                .values(consumer=consumer, event_id=event.id, event_type=event.type)
                .on_conflict_do_nothing()
                .returning(inbox.c.event_id)
            )
            if first_time.first() is not None:
                new.append(event)
        await project_all(session, new)
    return len(new)


async def _apply_batch(
    database: Database, consumer: str, events: list[CloudEvent], settings: Settings
) -> int:
    """Lanes by aggregate, side by side: one aggregate's events (and copies of one event)
    share a lane and keep their order, and lanes touch different rows. The offices
    registered or updated go first, alone (see the module's doc)."""
    offices = [e for e in events if e.type in OFFICE_EVENTS]
    applied = await _apply_lane(database, consumer, offices) if offices else 0
    lanes: dict[int, list[CloudEvent]] = defaultdict(list)
    for event in events:
        if event.type in OFFICE_EVENTS:
            continue
        aggregate = event.subject or event.id
        lanes[zlib.crc32(aggregate.encode()) % settings.rebuild_lanes].append(event)
    results = await asyncio.gather(
        *(_apply_lane(database, consumer, lane) for lane in lanes.values()),
        return_exceptions=True,
    )
    applied += sum(r for r in results if isinstance(r, int))
    if any(isinstance(r, BaseException) for r in results):
        # E.g. two lanes meeting on one row under odd ids (a deadlock): the lanes that
        # committed are in the inbox, so one sequential pass applies the rest, once.
        applied += await _apply_lane(database, consumer, events)
    return applied


async def rebuild(settings: Settings, *, out: TextIO = sys.stdout, every: int = 1000) -> Replay:
    """Drops the read model and replays every event up to the stream's last one."""
    database = Database(settings.database_url, pool_size=settings.rebuild_lanes)
    consumer, replay, started = inbox_name(settings), Replay(), time.monotonic()
    nc = await nats.connect(nats_servers(settings.nats_url), name="apik-reporting-rebuild")
    try:
        js = nc.jetstream()
        state = (await js.stream_info(STREAM_NAME)).state
        total, last = state.messages, state.last_seq
        async with database.sessions() as session, session.begin():
            await drop_read_model(session, consumer)
        print(f"rebuild: read model dropped; replaying {total} events", file=out, flush=True)
        if total:
            sub = await js.subscribe(
                EVERY_EVENT,
                stream=STREAM_NAME,
                ordered_consumer=True,
                deliver_policy=api.DeliverPolicy.ALL,
            )
            batch: list[CloudEvent] = []
            done = False
            while not done:
                try:
                    msg = await sub.next_msg(timeout=10)
                except NatsTimeoutError:  # the stream ended below `last` (purged)
                    msg, done = None, True
                if msg is not None:
                    replay.messages += 1
                    event = _readable(msg)
                    if event is None:
                        replay.skipped += 1
                    else:
                        batch.append(event)
                    done = msg.metadata.sequence.stream >= last
                if batch and (done or len(batch) >= settings.rebuild_batch):
                    applied = await _apply_batch(database, consumer, batch, settings)
                    replay.applied += applied
                    replay.skipped += len(batch) - applied
                    batch = []
                if replay.messages % every == 0 or done:
                    _progress(out, replay, total, started)
            await sub.unsubscribe()
    finally:
        await nc.close()
        await database.dispose()
    replay.seconds = time.monotonic() - started
    print(
        f"rebuild: done, {replay.messages} events read, {replay.applied} applied, "
        f"{replay.skipped} skipped in {replay.seconds:.1f} s ({replay.rate:.0f} events/s)",
        file=out,
        flush=True,
    )
    return replay


def _progress(out: TextIO, replay: Replay, total: int, started: float) -> None:
    elapsed = time.monotonic() - started
    share = 100 * replay.messages / total if total else 100
    rate = replay.messages / elapsed if elapsed else 0
    print(
        f"rebuild: {replay.messages}/{total} events ({share:.0f}%), {rate:.0f} events/s",
        file=out,
        flush=True,
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m apik_reporting.read_model.service.rebuild",
        description="Drop the reporting read model and replay the event stream into it "
        "(APIK_DATABASE_URL, APIK_NATS_URL and APIK_CONSUMER_GROUP as for the service).",
    )
    parser.add_argument("--every", type=int, default=1000, help="progress every N events")
    args = parser.parse_args(argv)
    asyncio.run(rebuild(Settings(), every=max(1, args.every)))


if __name__ == "__main__":
    main()
