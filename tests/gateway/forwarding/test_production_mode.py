"""The gateway as it runs in production: `uvicorn --factory` with uvloop and httptools.

The other tests run the app inside pytest's asyncio loop; uvloop's transports differ in
small ways (they are not `asyncio.Transport` subclasses), so the hot path is also
exercised here, in a real uvicorn process.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import sys
from collections.abc import AsyncIterator

import httpx
import pytest

from tests.gateway.builders import ADMIN_PASSWORD
from tests.gateway.fake_service import CHUNK, Gates
from tests.gateway.servers import refused_url

STARTUP_SECONDS = 120


@pytest.fixture
async def production_gateway(gateway_database: str, fake_service: str) -> AsyncIterator[str]:
    url = refused_url()
    port = url.rsplit(":", 1)[1]
    env = {
        **os.environ,
        "APIK_DATABASE_URL": gateway_database,
        "APIK_SERVICE_URLS": json.dumps({"fake": fake_service}),
        "APIK_ADMIN_PASSWORD": ADMIN_PASSWORD,
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "uvicorn",
        "apik_gateway.app:create_app",
        "--factory",
        "--host",
        "127.0.0.1",
        "--port",
        port,
        "--loop",
        "uvloop",
        "--http",
        "httptools",
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )
    try:
        # Until it answers: a process that imports the whole gateway can take well over
        # the 15 s this once allowed on a busy machine, and the test then met a port
        # nobody listened on yet.
        deadline = asyncio.get_running_loop().time() + STARTUP_SECONDS
        async with httpx.AsyncClient(base_url=url) as client:
            while True:
                if process.returncode is not None:
                    pytest.fail(f"the gateway exited with {process.returncode}")
                try:
                    if (await client.get("/healthz")).status_code == 200:
                        break
                except httpx.TransportError:
                    if asyncio.get_running_loop().time() > deadline:
                        pytest.fail(f"the gateway did not listen within {STARTUP_SECONDS} s")
                    await asyncio.sleep(0.05)
        yield url
    finally:
        process.terminate()
        await process.wait()


async def test_forwards_and_streams_under_uvloop(production_gateway: str, gates: Gates) -> None:
    async with httpx.AsyncClient(base_url=production_gateway, timeout=10) as client:
        echoes = await asyncio.gather(
            *(client.post(f"/api/v1/fake/echo/{i}", content=b"body") for i in range(20))
        )
        assert [e.json()["path"] for e in echoes] == [f"/api/v1/fake/echo/{i}" for i in range(20)]

        gates.first_chunk_seen.clear()
        size = 0
        async with client.stream(
            "GET", "/api/v1/fake/stream", params={"chunks": 64, "wait_for_client": "true"}
        ) as response:
            async for data in response.aiter_raw():
                gates.first_chunk_seen.set()
                size += len(data)
        assert size == 64 * len(CHUNK)

        async def body() -> AsyncIterator[bytes]:
            for _ in range(8):
                yield b"u" * 50_000

        upload = await client.post("/api/v1/fake/upload", content=body())
        assert upload.json()["sha256"] == hashlib.sha256(b"u" * 400_000).hexdigest()

        token = await client.post(
            "/api/v1/auth/token", data={"username": "admin", "password": ADMIN_PASSWORD}
        )
        assert token.status_code == 200
