"""A lean HTTP/1.1 load driver: keep-alive connections, httptools parsing, no client library.

The client side must cost less than the server side, or the benchmark measures itself:
each worker keeps one connection and sends pre-encoded requests back to back.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

import httptools

HOST = "127.0.0.1"


def encode_request(
    method: str, path: str, port: int, *, body: bytes = b"", headers: dict[str, str] | None = None
) -> bytes:
    lines = [f"{method} {path} HTTP/1.1", f"host: {HOST}:{port}"]
    lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
    if body or method in ("POST", "PUT", "PATCH"):
        lines.append(f"content-length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


class _Connection(asyncio.Protocol):
    def __init__(self) -> None:
        self.parser = httptools.HttpResponseParser(self)
        self.waiter: asyncio.Future[tuple[int, bytes]] | None = None
        self.status = 0
        self.body = bytearray()
        self.closed = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport: Any = transport

    def data_received(self, data: bytes) -> None:
        self.parser.feed_data(data)

    def on_message_begin(self) -> None:
        self.body = bytearray()

    def on_headers_complete(self) -> None:
        self.status = self.parser.get_status_code()

    def on_body(self, body: bytes) -> None:
        self.body += body

    def on_message_complete(self) -> None:
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_result((self.status, bytes(self.body)))

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_exception(ConnectionError("closed"))

    async def send(self, request: bytes) -> tuple[int, bytes]:
        if self.closed:
            raise ConnectionError("closed")
        self.waiter = asyncio.get_running_loop().create_future()
        self.transport.write(request)
        return await self.waiter


def summary(latencies: list[float], elapsed: float, errors: int) -> dict[str, Any]:
    latencies = sorted(latencies)
    n = len(latencies)
    if not n:
        return {"requests": 0, "errors": errors, "rps": 0.0, "p50_ms": None, "p99_ms": None}
    return {
        "requests": n,
        "errors": errors,
        "rps": round(n / elapsed, 1),
        "p50_ms": round(latencies[n // 2] * 1000, 3),
        "p99_ms": round(latencies[min(n - 1, int(n * 0.99))] * 1000, 3),
    }


async def drive(
    port: int,
    make_request: Callable[[int], bytes],
    *,
    concurrency: int,
    seconds: float,
    max_requests: int,
    expect: int = 200,
    warmup: float = 0.5,
) -> dict[str, Any]:
    """Closed-loop load for `seconds` (after a warm-up) or `max_requests`, whichever first."""
    loop = asyncio.get_running_loop()
    latencies: list[float] = []
    errors = 0
    sent = 0

    async def worker(deadline: float, measuring: bool) -> None:
        nonlocal errors, sent
        _, conn = await loop.create_connection(_Connection, HOST, port)
        try:
            while time.perf_counter() < deadline and len(latencies) < max_requests:
                request = make_request(sent)
                sent += 1
                started = time.perf_counter()
                status, _ = await conn.send(request)
                if measuring:
                    latencies.append(time.perf_counter() - started)
                    errors += status != expect
        finally:
            conn.transport.close()

    if warmup:
        until = time.perf_counter() + warmup
        await asyncio.gather(*(worker(until, False) for _ in range(concurrency)))
    started = time.perf_counter()
    await asyncio.gather(*(worker(started + seconds, True) for _ in range(concurrency)))
    # `sent` counts the warm-up too, for the CPU each request cost over the whole load.
    return {**summary(latencies, time.perf_counter() - started, errors), "sent": sent}


async def paced(
    port: int, requests: list[bytes], *, rate: float, expect: int = 200, connections: int = 32
) -> dict[str, Any]:
    """Open-loop load: request n is due at start + n / rate whether or not the earlier ones
    have been answered, as when many people act at a steady pace. Its clock starts when
    it is due, so waiting for a free connection counts as latency. Returns when each
    request was due and answered (`time.time()`, comparable with the server's clocks)."""
    loop = asyncio.get_running_loop()
    idle: asyncio.Queue[_Connection] = asyncio.Queue()
    for _ in range(connections):
        _, conn = await loop.create_connection(_Connection, HOST, port)
        idle.put_nowait(conn)
    due = [0.0] * len(requests)
    answered = [0.0] * len(requests)
    unexpected: list[str] = []

    async def one(n: int) -> None:
        due[n] = time.time()
        conn = await idle.get()
        try:
            status, body = await conn.send(requests[n])
        except ConnectionError:
            # At a slow rate a connection can idle past the server's keep-alive (uvicorn:
            # 5 s) and be closed: the request goes again on a new one.
            conn.transport.close()
            _, conn = await loop.create_connection(_Connection, HOST, port)
            status, body = await conn.send(requests[n])
        answered[n] = time.time()
        idle.put_nowait(conn)
        if status != expect:
            unexpected.append(f"{status} {body[:200]!r}")

    tasks = []
    begin = time.perf_counter()
    for n in range(len(requests)):
        await asyncio.sleep(max(0.0, begin + n / rate - time.perf_counter()))
        tasks.append(asyncio.create_task(one(n)))
    await asyncio.gather(*tasks)
    while not idle.empty():
        idle.get_nowait().transport.close()
    return {"due": due, "answered": answered, "unexpected": unexpected}
