"""The bare references every ratio is measured against, in the same run."""

from __future__ import annotations

import asyncio
import json
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import asyncpg
import nats

from apik_shared.devstack.stack import Stack
from apik_shared.platform.events.envelope import CloudEvent
from apik_shared.platform.settings import to_plain_postgres_url
from bench import floor
from bench.bodies import REPORT, distinct_reports
from bench.driver import encode_request, summary
from bench.meters import ROUNDS, CpuMeter, Measure, median_round


async def physical_reference(
    stack: Stack, nats_url: str, seconds: float, concurrency: int
) -> dict[str, Any]:
    """What the machine does without us, at the same concurrency: asyncpg alone committing
    a report-sized row and its outbox row in one transaction, and bare acknowledged
    JetStream publishes of an envelope-sized message."""
    url = to_plain_postgres_url(stack.database_urls["intake"])
    pool = await asyncpg.create_pool(url, min_size=concurrency, max_size=concurrency)
    await pool.execute(floor.SCHEMA)
    body = json.dumps(REPORT)
    insert_latencies: list[float] = []

    async def insert_loop(deadline: float) -> None:
        while time.perf_counter() < deadline:
            t = time.perf_counter()
            async with pool.acquire() as connection:
                await floor.write_report(connection, body)
            insert_latencies.append(time.perf_counter() - t)

    started = time.perf_counter()
    await asyncio.gather(*(insert_loop(started + seconds) for _ in range(concurrency)))
    inserts = summary(insert_latencies, time.perf_counter() - started, 0)
    await pool.execute(floor.DROP)
    await pool.close()

    nc = await nats.connect(nats_url)
    js = nc.jetstream()
    await js.add_stream(name="BENCH", subjects=["bench.>"])
    payload = CloudEvent(source="/bench", type="bench.ref", data=REPORT).to_json()
    publish_latencies: list[float] = []

    async def publish_loop(deadline: float) -> None:
        while time.perf_counter() < deadline:
            t = time.perf_counter()
            await js.publish("bench.ref", payload, headers={"Nats-Msg-Id": uuid.uuid4().hex})
            publish_latencies.append(time.perf_counter() - t)

    started = time.perf_counter()
    await asyncio.gather(*(publish_loop(started + seconds) for _ in range(concurrency)))
    publishes = summary(publish_latencies, time.perf_counter() - started, 0)
    pipelined = await _pipelined_publishes(js, payload, seconds)
    await js.delete_stream("BENCH")
    await nc.close()
    return {
        "asyncpg_transaction": inserts,
        "jetstream_publish": publishes,
        "jetstream_publish_pipelined": pipelined,
    }


# The relay's way: a window of publishes sent before any acknowledgement is awaited
# (`relay.BATCH_SIZE`, the rows of one poll).
PIPELINE_WINDOW = 500


async def _pipelined_publishes(js: Any, payload: bytes, seconds: float) -> dict[str, Any]:
    """Acknowledged publishes as the outbox relay sends them, windows of
    `PIPELINE_WINDOW` published before their acknowledgements are awaited: beside the
    issue's reference (concurrent publishers each awaiting its acknowledgement), what
    the wire takes from one pipelined publisher. Latency is per window."""
    windows: list[float] = []
    started = time.perf_counter()
    while time.perf_counter() < started + seconds:
        t = time.perf_counter()
        acks = [
            await js.publish_async(
                "bench.pipelined", payload, headers={"Nats-Msg-Id": uuid.uuid4().hex}
            )
            for _ in range(PIPELINE_WINDOW)
        ]
        await asyncio.gather(*acks)
        windows.append(time.perf_counter() - t)
    out = summary(windows, time.perf_counter() - started, 0)
    out["rps"] = round(len(windows) * PIPELINE_WINDOW / (time.perf_counter() - started), 1)
    return out


def floor_endpoint(
    stack: Stack, tmp: Path, postgres_pid: int, measure: Measure, concurrency: int, seconds: float
) -> dict[str, Any]:
    """The floor of our own stack (`bench/floor.py`) under the registration's load: the
    same bodies, concurrency and driver, in rounds like the registration's. CPU counts the
    floor's process and PostgreSQL, the two a registration's floor needs."""
    from apik_shared.devstack.processes import free_port, spawn, stop, wait_for_port

    private, public = floor.signing_key()
    (tmp / "floor.pub").write_bytes(public)
    url = to_plain_postgres_url(stack.database_urls["intake"])

    async def schema(sql: str) -> None:
        connection = await asyncpg.connect(url)
        try:
            await connection.execute(sql)
        finally:
            await connection.close()

    asyncio.run(schema(floor.SCHEMA))
    port = free_port()
    process = spawn(
        [sys.executable, floor.__file__, "serve", str(port), url, str(tmp / "floor.pub")],
        log_file=tmp / "floor.log",
    )
    try:
        wait_for_port("127.0.0.1", port, timeout=30, process=process)
        meter = CpuMeter({"floor": lambda: process.pid, "postgres": lambda: postgres_pid})
        headers = {
            "authorization": f"Bearer {floor.token(private)}",
            "content-type": "application/json",
        }
        bodies = [json.dumps(r).encode() for r in distinct_reports(5000)]
        per_round = len(bodies) // ROUNDS
        rounds = []
        for n in range(ROUNDS):
            requests = [
                encode_request("POST", floor.PATH, port, body=b, headers=headers)
                for b in bodies[n * per_round : (n + 1) * per_round]
            ]
            meter.start()
            result = measure(port, requests, concurrency, seconds, per_round, 201)
            result["cpu_ms_per_request"] = meter.ms_per(result["sent"])
            if result["errors"]:
                # A reference answering errors would be fast and meaningless.
                raise RuntimeError(f"the floor endpoint answered errors: see {tmp}/floor.log")
            rounds.append(result)
        return median_round(rounds)
    finally:
        stop(process)
        asyncio.run(schema(floor.DROP))
