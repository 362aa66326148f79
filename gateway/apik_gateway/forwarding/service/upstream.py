"""A lean HTTP/1.1 keep-alive client for the services, over asyncio transports.

httpx and aiohttp cost the gateway more per request than the services spend answering
(see bench/gateway_forwarding.py), so the hot path talks HTTP/1.1 itself: one protocol
object per connection, httptools parsing the response, bodies handed over chunk by chunk
with flow control both ways so neither direction is ever fully buffered.
"""

from __future__ import annotations

import asyncio
from collections import deque
from typing import cast
from urllib.parse import urlsplit

import httptools

# Reading from the service pauses while this much body waits for a slow client.
_HIGH_WATER = 256 * 1024
_LOW_WATER = 64 * 1024


class UpstreamError(Exception):
    """The service could not be reached or did not answer properly."""


class ConnectFailed(UpstreamError):
    pass


class UpstreamTimeout(UpstreamError):
    pass


class UpstreamBroken(UpstreamError):
    """The connection closed or garbled before the response was complete."""


class UpstreamConnection(asyncio.Protocol):
    """One keep-alive connection; carries one request/response exchange at a time."""

    def __init__(self, read_timeout: float) -> None:
        self.loop = asyncio.get_running_loop()
        # The longest wait for the next bytes of the response (or for write room).
        self.read_timeout = read_timeout
        self.transport: asyncio.Transport | None = None
        self.parser = httptools.HttpResponseParser(self)
        self.closed = False
        self.idle_since = 0.0
        self.received_any = False
        self.status = 0
        self.headers: list[tuple[bytes, bytes]] = []
        self.length: int | None = None  # the body's Content-Length, when it has one
        self.head_done = False
        self.complete = False
        self._interim = False
        self._framed = False  # Content-Length or chunked; otherwise the body ends at EOF
        self._keep_alive = False
        self._chunks: deque[bytes] = deque()
        self._buffered = 0
        self._reading_paused = False
        self._writing_paused = False
        self._waiter: asyncio.Future[None] | None = None
        self._error: UpstreamError | None = None

    def reset(self) -> None:
        """Prepares for the next exchange on this connection."""
        self.received_any = self.head_done = self.complete = self._framed = False
        self._keep_alive = False
        self.status = 0
        self.headers = []
        self.length = None
        self._chunks.clear()
        self._buffered = 0

    # asyncio.Protocol

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # uvloop's transports quack like asyncio.Transport without subclassing it.
        self.transport = cast(asyncio.Transport, transport)

    def data_received(self, data: bytes) -> None:
        self.received_any = True
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserError as exc:
            self._fail(UpstreamBroken(f"invalid response from the service: {exc}"))
            self.abort()

    def eof_received(self) -> bool:
        return False

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        if self.head_done and not self.complete and not self._framed:
            self.complete = True  # a body delimited by the end of the connection
            self._wake()
        else:
            self._fail(UpstreamBroken("the service closed the connection"))

    def pause_writing(self) -> None:
        self._writing_paused = True

    def resume_writing(self) -> None:
        self._writing_paused = False
        self._wake()

    # httptools callbacks

    def on_header(self, name: bytes, value: bytes) -> None:
        name = name.lower()
        if name == b"content-length":
            self._framed = True
            self.length = int(value) if value.isdigit() else None
        elif name == b"transfer-encoding":
            self._framed = True
        self.headers.append((name, value))

    def on_headers_complete(self) -> None:
        status = self.parser.get_status_code()
        if status < 200:  # 1xx interim answers are not forwarded
            self._interim = True
            self.headers = []
            return
        self.status = status
        self.head_done = True
        self._wake()

    def on_body(self, body: bytes) -> None:
        self._chunks.append(body)
        self._buffered += len(body)
        if self._buffered > _HIGH_WATER and not self._reading_paused and self.transport:
            self._reading_paused = True
            self.transport.pause_reading()
        self._wake()

    def on_message_complete(self) -> None:
        if self._interim:
            self._interim = False
            return
        # Asked now: once feed_data() returns, httptools has reset for the next message.
        self._keep_alive = self.parser.should_keep_alive()
        self.complete = True
        self._wake()

    # used by the forwarder

    def write(self, data: bytes) -> None:
        if self.closed or self.transport is None:
            raise self._error or UpstreamBroken("the service closed the connection")
        self.transport.write(data)

    async def drain(self) -> None:
        while self._writing_paused and not self.closed:
            await self._wait()

    async def read_head(self) -> None:
        while not self.head_done:
            await self._wait()

    async def read_short_body(self, up_to: int) -> None:
        """Waits for the rest of a body whose head announced at most `up_to` bytes.

        A service often writes a response's head and body apart, so the head can arrive
        alone; a short body is right behind it, and waiting for it lets the forwarder
        answer in one go instead of streaming (a watcher task, more sends) or, when the
        service breaks off, answer a clean 502 instead of a cut response."""
        if self.length is not None and self.length <= up_to:
            while not self.complete:
                await self._wait()

    def take_body(self) -> bytes:
        """Everything received so far of the body (and lets reading resume)."""
        if not self._chunks:
            return b""
        data = self._chunks.popleft() if len(self._chunks) == 1 else b"".join(self._chunks)
        self._chunks.clear()
        self._buffered = 0
        if self._reading_paused and self.transport is not None:
            self._reading_paused = False
            self.transport.resume_reading()
        return data

    async def next_body(self) -> bytes:
        while not self._chunks and not self.complete:
            await self._wait()
        return self.take_body()

    def reusable(self) -> bool:
        return self.complete and not self.closed and self._keep_alive

    def close(self) -> None:
        """Closes politely: for a connection whose exchange ended cleanly."""
        self.closed = True
        if self.transport is not None:
            self.transport.close()

    def abort(self) -> None:
        """Drops the connection at once: for one in the middle of an exchange."""
        self.closed = True
        if self.transport is not None:
            self.transport.abort()

    async def _wait(self) -> None:
        if self._error is not None:
            raise self._error
        waiter = self._waiter = self.loop.create_future()
        timer = self.loop.call_later(self.read_timeout, self._time_out, waiter)
        try:
            await waiter
        finally:
            timer.cancel()
            self._waiter = None

    def _time_out(self, waiter: asyncio.Future[None]) -> None:
        if not waiter.done():
            waiter.set_exception(UpstreamTimeout("the service did not answer in time"))

    def _wake(self) -> None:
        waiter = self._waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    def _fail(self, error: UpstreamError) -> None:
        if self._error is None:
            self._error = error
        waiter = self._waiter
        if waiter is not None and not waiter.done():
            waiter.set_exception(error)


class UpstreamPool:
    """Keep-alive connections to one service; the most recently used is reused first."""

    def __init__(
        self,
        url: str,
        *,
        connect_timeout: float,
        read_timeout: float,
        max_idle: int,
        idle_seconds: float,
    ) -> None:
        parts = urlsplit(url)
        if parts.scheme != "http" or not parts.hostname:
            raise ValueError(f"service URL must be http://host:port, not {url!r}")
        self.host = parts.hostname
        self.port = parts.port or 80
        self.host_header = (parts.netloc.rpartition("@")[2]).encode("latin-1")
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self.max_idle = max_idle
        self.idle_seconds = idle_seconds
        self._idle: deque[UpstreamConnection] = deque()

    async def acquire(self) -> tuple[UpstreamConnection, bool]:
        """A connection ready for a request, and whether it was reused."""
        now = asyncio.get_running_loop().time()
        while self._idle:
            conn = self._idle.pop()
            if not conn.closed and now - conn.idle_since < self.idle_seconds:
                conn.reset()
                return conn, True
            conn.abort()
        return await self.connect(), False

    async def connect(self) -> UpstreamConnection:
        loop = asyncio.get_running_loop()
        try:
            async with asyncio.timeout(self.connect_timeout):
                _, conn = await loop.create_connection(
                    lambda: UpstreamConnection(self.read_timeout), self.host, self.port
                )
        except TimeoutError as exc:
            raise ConnectFailed(f"no connection to {self.host}:{self.port} in time") from exc
        except OSError as exc:
            raise ConnectFailed(f"cannot connect to {self.host}:{self.port}: {exc}") from exc
        return conn

    def release(self, conn: UpstreamConnection) -> None:
        if conn.reusable() and len(self._idle) < self.max_idle:
            conn.idle_since = conn.loop.time()
            self._idle.append(conn)
        elif conn.complete:
            conn.close()
        else:
            conn.abort()

    def close(self) -> None:
        while self._idle:
            self._idle.pop().close()
