"""A stand-in service behind the gateway: echoes what it received, streams, counts.

It serves under its own prefix like every APIK service (`/api/v1/fake/...`) and
publishes its OpenAPI document where the gateway looks for it.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel

PREFIX = "/api/v1/fake"
CHUNK = b"x" * 65536


@dataclass
class Gates:
    """Lets a test hold a stream open until it has seen the first bytes go through."""

    first_chunk_seen: asyncio.Event = field(default_factory=asyncio.Event)
    upload_started: asyncio.Event = field(default_factory=asyncio.Event)


class Widget(BaseModel):
    """Same name as a gateway schema would have, a different shape."""

    name: str
    colour: str


class UserPublic(BaseModel):
    """Collides with the gateway's own `UserPublic` on purpose."""

    nickname: str


def create_fake_service(gates: Gates) -> FastAPI:
    app = FastAPI(title="fake", openapi_url=f"{PREFIX}/openapi.json", docs_url=None)

    @app.get("/readyz")
    async def readyz() -> dict[str, str]:
        return {"status": "ready"}

    @app.api_route(
        f"{PREFIX}/echo/{{rest:path}}",
        methods=["GET", "POST", "PUT", "DELETE"],
        include_in_schema=False,
    )
    async def echo(rest: str, request: Request) -> dict[str, Any]:
        body = await request.body()
        return {
            "method": request.method,
            "path": request.url.path,
            "raw_query": request.url.query,
            "headers": [[k, v] for k, v in request.headers.items()],
            "body": body.decode("latin-1"),
        }

    @app.post(f"{PREFIX}/widgets", response_model=Widget)
    async def create_widget(widget: Widget) -> Widget:
        return widget

    @app.get(f"{PREFIX}/people/{{nickname}}", response_model=UserPublic)
    async def person(nickname: str) -> UserPublic:
        return UserPublic(nickname=nickname)

    @app.get(f"{PREFIX}/public/ping")
    async def ping() -> dict[str, str]:
        return {"pong": "yes"}

    @app.get(f"{PREFIX}/stream")
    async def stream(chunks: int = 16, wait_for_client: bool = False) -> StreamingResponse:
        async def body() -> AsyncIterator[bytes]:
            yield CHUNK
            if wait_for_client:  # the rest only once the client has the first chunk
                await asyncio.wait_for(gates.first_chunk_seen.wait(), timeout=10)
            for _ in range(chunks - 1):
                yield CHUNK

        return StreamingResponse(body(), media_type="application/octet-stream")

    @app.post(f"{PREFIX}/upload")
    async def upload(request: Request) -> dict[str, Any]:
        digest, size = hashlib.sha256(), 0
        async for chunk in request.stream():
            if chunk:
                gates.upload_started.set()
            digest.update(chunk)
            size += len(chunk)
        return {"size": size, "sha256": digest.hexdigest()}

    return app
