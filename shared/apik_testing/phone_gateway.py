"""A simulated phone gateway: a real HTTP server (uvicorn, in a thread, on a free port)
that records every request it is sent and answers with the statuses a test queues, 200
once the queue is empty. It stands for the WhatsApp Cloud API and for an SMS gateway
alike: the tests look at what arrived."""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from apik_testing.mailbox import free_port


@dataclass(frozen=True)
class Received:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)

    def form(self) -> dict[str, list[str]]:
        return parse_qs(self.body.decode())


@dataclass
class PhoneGateway:
    port: int
    received: list[Received] = field(default_factory=list)
    answers: deque[int] = field(default_factory=deque)
    server: uvicorn.Server | None = None
    thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def answer(self, *statuses: int) -> None:
        """The statuses the next requests get, in order (then 200 again)."""
        self.answers.extend(statuses)

    async def _handle(self, request: Request) -> JSONResponse:
        self.received.append(
            Received(
                method=request.method,
                path=request.url.path,
                query=parse_qs(request.url.query),
                headers={k.lower(): v for k, v in request.headers.items()},
                body=await request.body(),
            )
        )
        status = self.answers.popleft() if self.answers else 200
        if status >= 400:
            error = {"code": 131026 if status < 500 else 2, "message": f"simulated {status}"}
            return JSONResponse({"error": error}, status_code=status)
        return JSONResponse({"messages": [{"id": f"wamid.{len(self.received)}"}]})

    def start(self) -> None:
        app = Starlette(routes=[Route("/{path:path}", self._handle, methods=["GET", "POST"])])
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the simulated phone gateway did not start")
            time.sleep(0.02)

    def stop(self) -> None:
        """Down: requests find nobody listening (the gateway's outage)."""
        if self.server is not None and self.thread is not None:
            self.server.should_exit = True
            self.thread.join(timeout=10)
        self.server, self.thread = None, None

    def to(self, msisdn: str) -> list[Received]:
        """What arrived for a number (62…), whichever API shape carried it."""
        found = []
        for request in self.received:
            if request.headers.get("content-type", "").startswith("application/json"):
                target = request.json().get("to")
            else:
                target = (request.form().get("to") or request.query.get("to") or [""])[0]
            if target.removeprefix("+") == msisdn:
                found.append(request)
        return found


@contextmanager
def phone_gateway() -> Iterator[PhoneGateway]:
    """A started simulated gateway, stopped on the way out."""
    gateway = PhoneGateway(free_port())
    gateway.start()
    try:
        yield gateway
    finally:
        gateway.stop()
