"""Helpers shared by the platform's event tests."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

import nats
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from apik_shared.platform.db import Database
from apik_shared.platform.events.bus import ensure_stream
from apik_shared.platform.events.consumer import ConsumerSpec
from apik_shared.platform.events.envelope import CloudEvent, source_of

# One row per application of an event: an event applied twice has two.
effects = sa.Table(
    "effect",
    sa.MetaData(),
    sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
    sa.Column("event_id", sa.Text, nullable=False),
)


def topic() -> str:
    """A producer name of its own per test, so tests never see each other's events."""
    return "t" + uuid.uuid4().hex[:10]


def happenings(producer: str, count: int, **data: Any) -> list[CloudEvent]:
    return [
        CloudEvent(source=source_of(producer), type="thing.happened", data=dict(data))
        for _ in range(count)
    ]


async def publish_all(nats_url: str, producer: str, events: Sequence[CloudEvent]) -> None:
    nc = await nats.connect(nats_url)
    try:
        js = nc.jetstream()
        await ensure_stream(js)
        for event in events:
            await js.publish(f"apik.{producer}.thing.happened", event.to_json())
    finally:
        await nc.close()


async def record_effect(session: AsyncSession, event: CloudEvent) -> None:
    await session.execute(sa.insert(effects).values(event_id=event.id))


async def record_effects(session: AsyncSession, events: Sequence[CloudEvent]) -> None:
    """`record_effect`'s batch handler: one statement for the whole batch."""
    await session.execute(sa.insert(effects), [{"event_id": e.id} for e in events])


def effect_spec(producer: str) -> ConsumerSpec:
    """A consumer of `producer`'s events: one effect row per event applied, a batch's
    rows in one statement."""
    return ConsumerSpec(
        durable=f"{producer}-c",
        subjects=[f"apik.{producer}.>"],
        handler=record_effect,
        batch_handler=record_effects,
    )


async def count(db: Database, sql: str, **params: Any) -> int:
    async with db.sessions() as session:
        return int((await session.execute(sa.text(sql), params)).scalar_one())


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
