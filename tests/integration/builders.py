"""What the integration tests share: the routes, a subscription put in place through the
API, a real receiving HTTP server (verifying with the `standardwebhooks` reference
library, deduplicating by `webhook-id`, able to go down and come back), a signed
inbound request, and a delivery job run by hand."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import csv
import io
import json
import os
import socket
import time
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import nats
import uvicorn
from standardwebhooks.webhooks import Webhook, WebhookVerificationError
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from apik_integration.consumers import deliverable_types
from apik_integration.jobs import Sender, deliver_once
from apik_integration.webhooks.service import enqueue as enqueue_one
from apik_shared.platform.events.bus import ensure_stream
from apik_shared.platform.events.envelope import CloudEvent, source_of, subject_for
from apik_testing.services import RunningService

PROBLEM = "application/problem+json"
V1 = "/api/v1/integration"
SUBSCRIPTIONS = f"{V1}/webhooks/subscriptions"
DELIVERIES = f"{V1}/webhooks/deliveries"
PORTAL = "lapor"
PORTAL_SECRET = "whsec_" + base64.b64encode(b"portal-secret-of-32-bytes-long!!").decode()
PORTAL_SECRETS = [PORTAL_SECRET]
INBOUND = f"{V1}/portals/{PORTAL}/inbound"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Receiver:
    """Another system's endpoint: verifies each webhook with the reference library
    against the secrets it knows, and counts each `webhook-id` once (as a receiver must)."""

    port: int = field(default_factory=free_port)
    secrets: list[str] = field(default_factory=list)
    status: int = 200
    retry_after: str | None = None
    received: Counter[str] = field(default_factory=Counter)  # webhook-id -> deliveries seen
    bodies: dict[str, Any] = field(default_factory=dict)  # webhook-id -> body (first)
    signatures: list[str] = field(default_factory=list)
    refused: int = 0
    _server: uvicorn.Server | None = None
    _task: asyncio.Task[None] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hook"

    @property
    def unique(self) -> int:
        return len(self.received)

    async def _hook(self, request: Request) -> Response:
        body = await request.body()
        headers = dict(request.headers)
        self.signatures.append(headers.get("webhook-signature", ""))
        verified = False
        for secret in self.secrets:
            try:
                Webhook(secret).verify(body, headers)
            except WebhookVerificationError:
                continue
            verified = True
        if not verified:
            self.refused += 1
            return Response(status_code=401)
        if self.status >= 300:
            extra = {"retry-after": self.retry_after} if self.retry_after else {}
            return Response(status_code=self.status, headers=extra)
        msg_id = headers["webhook-id"]
        if msg_id not in self.received:
            self.bodies[msg_id] = json.loads(body)
        self.received[msg_id] += 1
        return Response(status_code=204)

    async def start(self) -> None:
        app = Starlette(routes=[Route("/hook", self._hook, methods=["POST"])])
        config = uvicorn.Config(
            app,
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
            access_log=False,
            lifespan="off",
        )
        server = uvicorn.Server(config)
        server.capture_signals = contextlib.nullcontext  # type: ignore[method-assign,assignment]
        self._server = server
        self._task = asyncio.create_task(server.serve())
        while not server.started:
            if self._task.done():
                self._task.result()
            await asyncio.sleep(0.01)

    async def stop(self) -> None:
        if self._server is not None and self._task is not None:
            self._server.should_exit = True
            await self._task
            self._server = self._task = None


def subscription_body(url: str, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "client": "Sistem Pengaduan Pemprov",
        "url": url,
        "event_types": ["report.registered", "case.closed"],
    }
    body.update(overrides)
    return body


async def subscribe(
    service: RunningService, headers: dict[str, str], url: str, **overrides: Any
) -> dict[str, Any]:
    response = await service.client.post(
        SUBSCRIPTIONS, json=subscription_body(url, **overrides), headers=headers
    )
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    body["etag"] = response.headers["etag"]
    return body


def event(event_type: str = "report.registered", office: str = "KAB", **data: Any) -> CloudEvent:
    producer = "examination" if event_type.startswith("case.") else "intake"
    return CloudEvent(
        source=source_of(producer),
        type=event_type,
        subject=data.get("report_id", "r-1"),
        data={"office": office, "registration_number": "0001/KAB/XII/2026", **data},
    )


async def enqueue(service: RunningService, *events: CloudEvent) -> int:
    """Hands events to the consumer's handler, as the stream would."""
    settings = service.app.state.settings
    made = 0
    async with service.app.state.database.sessions() as session, session.begin():
        for e in events:
            made += await enqueue_one(
                session, e, deliverable=deliverable_types(settings), now=e.time
            )
    return made


async def deliver(service: RunningService, **kw: Any) -> int:
    """One run of the delivery job, by hand."""
    sender = Sender(service.app.state.settings)
    try:
        return await deliver_once(service.app.state.database, sender, **kw)
    finally:
        await sender.aclose()


def signed(
    body: bytes, *, secret: str = PORTAL_SECRET, msg_id: str | None = None, at: float | None = None
) -> dict[str, str]:
    """The headers a portal sends, signed with the reference library."""
    msg_id = msg_id or "msg_" + os.urandom(8).hex()
    stamp = int(at if at is not None else time.time())
    signature = Webhook(secret).sign(msg_id, datetime.fromtimestamp(stamp, UTC), body)
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(stamp),
        "webhook-signature": signature,
        "content-type": "application/json",
    }


async def publish(nats_url: str, *events: CloudEvent, msg_id: str | None = None) -> None:
    """Events on the suite's stream, as their producers publish them."""
    nc = await nats.connect(nats_url)
    try:
        js = nc.jetstream()
        await ensure_stream(js)
        for e in events:
            subject = subject_for(e.producer, e.type)
            await js.publish(subject, e.to_json(), headers={"Nats-Msg-Id": msg_id or e.id})
    finally:
        await nc.close()


async def eventually(check: Any, *, seconds: float = 15, what: str = "the condition") -> None:
    """Waits until `check()` (sync or async) is true."""
    deadline = time.monotonic() + seconds
    while True:
        result = check()
        if asyncio.iscoroutine(result):
            result = await result
        if result:
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.05)


# --- imports of an office's old records --------------------------------------------

IMPORTS = f"{V1}/imports"
OLD_HEADERS = [
    "Nomor Registrasi",
    "Tanggal Diterima",
    "Nama Pelapor",
    "NIK",
    "Terlapor",
    "Substansi",
    "Uraian",
    "Status",
    "Tanggal Selesai",
]
VALID_NIK = "1771010101900001"


def old_record(number: str, received: str, **overrides: str) -> list[str]:
    """One row of an office's old spreadsheet, in `OLD_HEADERS`' order."""
    row = {
        "Nomor Registrasi": number,
        "Tanggal Diterima": received,
        "Nama Pelapor": "Siti Aminah",
        "NIK": "",
        "Terlapor": "Dinas Kependudukan Kota Bengkulu",
        "Substansi": "population_administration",
        "Uraian": "KTP elektronik tidak kunjung terbit.",
        "Status": "Selesai",
        "Tanggal Selesai": "",
    } | overrides
    return [row[h] for h in OLD_HEADERS]


def sheet_csv(rows: list[list[str]], headers: list[str] = OLD_HEADERS, sep: str = ",") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=sep, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


async def upload(
    service: RunningService,
    headers: dict[str, str],
    content: bytes,
    *,
    filename: str = "arsip.csv",
    mapping: Mapping[str, object] | None = None,
) -> Any:
    files: dict[str, Any] = {"file": (filename, content, "text/csv")}
    if mapping is not None:
        files["mapping"] = (None, json.dumps(mapping), "application/json")
    return await service.client.post(IMPORTS, files=files, headers=headers)
