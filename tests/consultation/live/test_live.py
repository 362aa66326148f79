"""The live queue: an event now and at each change, a heartbeat while nothing changes."""

from __future__ import annotations

import asyncio
import json
import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from apik_consultation.live import service
from apik_consultation.live import views as live
from apik_consultation.live.schemas import Queue
from tests.consultation.builders import check_in, step


async def test_changes_are_pushed_and_silence_is_kept_alive(desk, tokens):
    office = "L" + uuid.uuid4().hex[:5].upper()
    headers = tokens.headers("desk_officer", office=office)
    gone = asyncio.Event()

    async def disconnected() -> bool:
        return gone.is_set()

    async def snapshot(session: AsyncSession) -> Queue:
        return await service.snapshot(session=session, office=office)

    events = live.queue_events(
        sessions=desk.app.state.database.sessions,
        snapshot=snapshot,
        disconnected=disconnected,
        poll_seconds=0.02,
        heartbeat_seconds=0.2,
    )

    async def next_queue() -> list[tuple[int, str]]:
        message = await asyncio.wait_for(anext(events), timeout=5)
        name, data = message.strip().split("\n")
        assert name == "event: queue"
        body = json.loads(data.removeprefix("data: "))
        assert body["office"] == office
        return [(v["ticket"], v["status"]) for v in body["items"]]

    assert (await anext(events)).startswith("retry:")
    assert await next_queue() == []
    visit = await check_in(desk, headers)
    assert await next_queue() == [(visit["ticket"], "waiting")]
    await step(desk, headers, visit["id"], "start")
    assert await next_queue() == [(visit["ticket"], "in_service")]
    # The running clock is not a change: nothing but a heartbeat follows.
    assert await asyncio.wait_for(anext(events), timeout=5) == ": keep-alive\n\n"
    await step(desk, headers, visit["id"], "end", {"outcome": "Selesai"})
    assert await next_queue() == []
    gone.set()
    leftovers = [message async for message in events]
    assert all(m.startswith(":") or "queue" in m for m in leftovers)


async def test_the_stream_needs_a_reader(desk, tokens):
    anonymous = await desk.client.get("/api/v1/consultation/queue/stream")
    assert anonymous.status_code == 401
    intake = tokens.headers("intake_officer")
    assert (
        await desk.client.get("/api/v1/consultation/queue/stream", headers=intake)
    ).status_code == 403
