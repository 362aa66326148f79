"""What the shared-case tests share: the pair's names and secret, a verified report's
events at either office, a signal signed with the reference library, and a deployment
served over real HTTP on loopback (able to go down and come back)."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import uvicorn
from fastapi import FastAPI
from standardwebhooks.webhooks import Webhook

from apik_shared.platform.events.envelope import CloudEvent
from apik_testing.services import RunningService
from tests.integration.builders import event, free_port

HERE, THERE = "KAB", "KOTA"
PAIR = "kab-kota"
PAIR_SECRET = "whsec_" + base64.b64encode(b"pair-secret-of-32-bytes-long!!!!").decode()
SIGNALS = f"/api/v1/integration/peers/{PAIR}/signals"
SHARED = "/api/v1/integration/shared-cases"

LETTER = {
    "reported_agency": "Dinas Kependudukan dan Pencatatan Sipil Kota Bandung",
    "event_date": "2026-11-20",
    "summary": "Pengurusan KTP-el tidak selesai setelah tiga bulan; petugas meminta biaya.",
}


def verified(number: str, office: str, at: datetime | None = None, **letter: Any) -> CloudEvent:
    """`report.verified` of a report holding the letter (or another one)."""
    e = event(
        "report.verified",
        office=office,
        report_id=f"rep-{number}",
        registration_number=number,
        kind="LM",
        channel="letter",
        **{**LETTER, **letter},
    )
    return e.model_copy(update={"time": at}) if at else e


def status_event(event_type: str, number: str, office: str, at: datetime) -> CloudEvent:
    e = event(event_type, office=office, report_id=f"rep-{number}", registration_number=number)
    return e.model_copy(update={"time": at})


def number(office: str) -> str:
    return f"{uuid.uuid4().hex[:6]}/{office}/XII/2026"


def signed(
    body: dict[str, Any],
    *,
    secret: str = PAIR_SECRET,
    msg_id: str | None = None,
    at: datetime | None = None,
) -> tuple[bytes, dict[str, str]]:
    """A signal's bytes and Standard Webhooks headers, signed by the reference library."""
    raw = json.dumps(body).encode()
    msg_id = msg_id or f"msg_{uuid.uuid4().hex}"
    when = (at or datetime.now(UTC)).replace(microsecond=0)
    signature = Webhook(secret).sign(msg_id, when, raw.decode())
    return raw, {
        "webhook-id": msg_id,
        "webhook-timestamp": str(int(when.timestamp())),
        "webhook-signature": signature,
        "content-type": "application/json",
    }


def signal(number: str, status: str = "verified", at: str = "2026-12-06T03:00:00+00:00") -> dict:
    return {
        "type": "shared_case.signal",
        "fingerprint": "ab" * 32,
        "registration_number": number,
        "status": status,
        "status_at": at,
    }


@dataclass
class Served:
    """An app's routes on a loopback port (its lifespan run by `running`), able to go
    down and come back on the same port: a deployment the peer can reach, or not."""

    app: FastAPI
    port: int = field(default_factory=free_port)
    _server: uvicorn.Server | None = None
    _task: asyncio.Task[None] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> None:
        config = uvicorn.Config(
            self.app,
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
            access_log=False,
            lifespan="off",
            # A connection the peer's client keeps alive never holds the stop up.
            timeout_graceful_shutdown=2,
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


@dataclass
class Deployment:
    service: RunningService
    served: Served
