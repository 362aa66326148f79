"""The intake app also served over real HTTP: the server, not the in-process transport,
is what refuses a header with CR/LF or non-Latin-1 bytes (the 500 and the gateway's 502)."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import AsyncIterator

import httpx
import pytest
import uvicorn

from apik_testing.services import RunningService


@pytest.fixture(scope="module")
async def over_http(intake: RunningService) -> AsyncIterator[httpx.AsyncClient]:
    """A client of `intake` through uvicorn on a free port (the lifespan runs already)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    config = uvicorn.Config(intake.app, lifespan="off", log_level="warning", access_log=False)
    server = uvicorn.Server(config)
    # pytest owns the signals; uvicorn would install its own handlers for the run.
    server.capture_signals = contextlib.nullcontext  # type: ignore[method-assign,assignment]
    task = asyncio.create_task(server.serve(sockets=[sock]))
    while not server.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.01)
    url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    try:
        async with httpx.AsyncClient(base_url=url, timeout=10) as client:
            yield client
    finally:
        server.should_exit = True
        await task
        sock.close()
