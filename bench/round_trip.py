"""The bare publish-and-consume round trip, the handoff's reference, and the same round trip
through our own pull path (`apik_shared.platform.events.puller`).

Both run at the handoff's rate and count, in the same run: a message is published (an
acknowledged JetStream publish of an envelope-sized message) at a steady pace, and its
latency runs from the publish's start to the moment a consumer holds it. The bare one is a
nats-py push consumer acking each message; ours is a `Puller` on a durable pull consumer,
as every service consumes. Ours is the figure `tests/shared/test_events.py` used to hold as
a timing assertion (no message may wait for a batch to fill or a fetch to time out): a
test checks the behaviour, the bench reports how long.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import nats
from nats.aio.msg import Msg
from nats.js import JetStreamContext, api

from apik_shared.platform.events.envelope import CloudEvent
from apik_shared.platform.events.puller import Puller
from bench.bodies import REPORT
from bench.driver import summary

STREAM = "BENCHRT"
# The pull path's fetch wait: long, so a message that waited for it would show.
PULL_WAIT_SECONDS = 20.0


async def _paced_publishes(
    js: JetStreamContext, subject: str, count: int, rate: float, sent: dict[str, float]
) -> None:
    payload = CloudEvent(source="/bench", type="bench.round_trip", data=REPORT).to_json()
    tasks = []
    begin = time.perf_counter()

    async def one() -> None:
        key = uuid.uuid4().hex
        sent[key] = time.perf_counter()
        await js.publish(subject, payload, headers={"Nats-Msg-Id": key})

    for n in range(count):
        await asyncio.sleep(max(0.0, begin + n / rate - time.perf_counter()))
        tasks.append(asyncio.create_task(one()))
    await asyncio.gather(*tasks)


class _Arrivals(dict[str, float]):
    """When each message arrived, by its id; `complete` is set once `count` have."""

    def __init__(self, count: int) -> None:
        super().__init__()
        self.count = count
        self.complete = asyncio.Event()

    def arrived(self, key: str) -> None:
        self[key] = time.perf_counter()
        if len(self) >= self.count:
            self.complete.set()

    async def wait(self, within: float = 60) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.complete.wait(), within)


def _latencies(sent: dict[str, float], received: dict[str, float]) -> dict[str, Any]:
    waits = [received[k] - sent[k] for k in sent if k in received]
    out = summary(waits, 1.0, len(sent) - len(waits))
    out.pop("rps")
    out["max_ms"] = round(max(waits) * 1000, 3) if waits else None
    return out


async def _push(js: JetStreamContext, count: int, rate: float) -> dict[str, Any]:
    sent: dict[str, float] = {}
    received = _Arrivals(count)

    async def on_message(msg: Msg) -> None:
        received.arrived((msg.headers or {})["Nats-Msg-Id"])
        await msg.ack()

    sub = await js.subscribe(f"{STREAM.lower()}.push", cb=on_message, manual_ack=True)
    try:
        await _paced_publishes(js, f"{STREAM.lower()}.push", count, rate, sent)
        await received.wait()
    finally:
        await sub.unsubscribe()
    return _latencies(sent, received)


async def _pull(nc: nats.NATS, js: JetStreamContext, count: int, rate: float) -> dict[str, Any]:
    subject = f"{STREAM.lower()}.pull"
    await js.add_consumer(
        STREAM,
        config=api.ConsumerConfig(
            durable_name="bench-pull",
            ack_policy=api.AckPolicy.EXPLICIT,
            filter_subject=subject,
        ),
    )
    sent: dict[str, float] = {}
    received = _Arrivals(count)

    async def consume(puller: Puller) -> None:
        async with puller:
            while True:
                for msg in await puller.fetch():
                    received.arrived((msg.headers or {})["Nats-Msg-Id"])
                    await msg.ack()

    puller = Puller(nc, stream=STREAM, durable="bench-pull", batch=64, wait=PULL_WAIT_SECONDS)
    consuming = asyncio.create_task(consume(puller))
    try:
        await asyncio.sleep(0.2)  # its first request is waiting
        await _paced_publishes(js, subject, count, rate, sent)
        await received.wait()
    finally:
        consuming.cancel()
    return _latencies(sent, received)


async def round_trips(nats_url: str, count: int, rate: float) -> dict[str, Any]:
    """{'bare': the nats-py push consumer's round trip, 'puller': ours}: p50, p99, max."""
    nc = await nats.connect(nats_url)
    js = nc.jetstream()
    await js.add_stream(name=STREAM, subjects=[f"{STREAM.lower()}.>"])
    scenarios: dict[str, Callable[[], Awaitable[dict[str, Any]]]] = {
        "bare": lambda: _push(js, count, rate),
        "puller": lambda: _pull(nc, js, count, rate),
    }
    try:
        out: dict[str, Any] = {"count": count, "rate_per_second": rate}
        for name, scenario in scenarios.items():
            out[name] = await scenario()
        return out
    finally:
        await js.delete_stream(STREAM)
        await nc.close()
