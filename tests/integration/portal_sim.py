"""A simulated LAPOR!-style portal: its own tracking ids, its integration API with a
key, idempotency keys honoured, updates deduplicated by their id, and outages on
demand. It runs as a real HTTP server on a free port inside the test's event loop.

Its API (what `apik_integration.portals.service.lapor` speaks):
- `POST /complaints` (Bearer key, `Idempotency-Key`) → 201 `{"id": "LPR-000001"}`; the
  same key again → 200 with the same id, nothing new.
- `POST /complaints/{id}/updates` (`update_id` in the body) → 201 `{"id": "UPD-…"}`; an
  update id seen before → 200 with the same id; an unknown complaint → 404.
- `down = True`: every call answers 503 (the portal is away).
- `change_status(...)`: the portal's officers move a complaint; the portal tells the
  subscriber (`webhook`, an httpx client and a path) with a Standard Webhooks-signed
  `complaint.updated`, and can send it again, or send an older one late.
- Phase 2 (pull): `assign(office, ...)` is a complaint of the public the portal assigns
  to an office, announced by a signed `complaint.assigned` webhook (naming only its
  tracking id) unless told not to (a lost webhook); `GET /complaints?assigned_to=&since=`
  lists an office's assigned complaints (pages of `page_size`, `next`), and
  `GET /complaints/{id}` reads one, complainant included.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import socket
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx
import uvicorn
from standardwebhooks.webhooks import Webhook
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Complaint:
    id: str
    body: dict[str, Any]
    status: str = "baru"
    updates: list[dict[str, Any]] = field(default_factory=list)
    # A complaint of the public the portal assigned to an office (phase 2).
    assigned_to: str | None = None
    assigned_at: datetime | None = None

    def public(self) -> dict[str, Any]:
        """The complaint as the portal's API reads it."""
        return {
            **self.body,
            "id": self.id,
            "status": self.status,
            "assigned_to": self.assigned_to,
            "assigned_at": self.assigned_at.isoformat() if self.assigned_at else None,
        }


@dataclass
class PortalSim:
    token: str = "kunci-integrasi"
    port: int = field(default_factory=_free_port)
    down: bool = False
    complaints: dict[str, Complaint] = field(default_factory=dict)
    by_key: dict[str, str] = field(default_factory=dict)  # idempotency key -> complaint id
    updates_by_id: dict[str, str] = field(default_factory=dict)  # our update id -> theirs
    calls: int = 0
    # Where it sends its webhooks, and the secret it signs them with.
    webhook: tuple[httpx.AsyncClient, str] | None = None
    webhook_secret: str = ""
    sent_webhooks: int = 0
    page_size: int = 2
    polls: int = 0
    # The complainants' files, served at pre-signed URLs (`add_file`): id → content,
    # and how many more requests of each answer 503 (a file server having a bad day).
    files: dict[str, bytes] = field(default_factory=dict)
    file_failures: dict[str, int] = field(default_factory=dict)
    file_requests: int = 0
    _server: uvicorn.Server | None = None
    _task: asyncio.Task[None] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def by_reference(self, registration_number: str) -> list[Complaint]:
        return [
            c
            for c in self.complaints.values()
            if c.body.get("registration_number") == registration_number
        ]

    def _refusal(self, request: Request) -> JSONResponse | None:
        self.calls += 1
        if self.down:
            return JSONResponse({"error": "maintenance"}, status_code=503)
        if request.headers.get("authorization") != f"Bearer {self.token}":
            return JSONResponse({"error": "bad key"}, status_code=401)
        return None

    async def _create(self, request: Request) -> JSONResponse:
        if (refused := self._refusal(request)) is not None:
            return refused
        key = request.headers.get("idempotency-key", "")
        if key in self.by_key:
            return JSONResponse({"id": self.by_key[key]}, status_code=200)
        complaint = Complaint(id=f"LPR-{len(self.complaints) + 1:06d}", body=await request.json())
        self.complaints[complaint.id] = complaint
        if key:
            self.by_key[key] = complaint.id
        return JSONResponse({"id": complaint.id}, status_code=201)

    async def _update(self, request: Request) -> JSONResponse:
        if (refused := self._refusal(request)) is not None:
            return refused
        complaint = self.complaints.get(request.path_params["tracking_id"])
        if complaint is None:
            return JSONResponse({"error": "no such complaint"}, status_code=404)
        body = await request.json()
        ours = str(body.get("update_id", ""))
        if ours in self.updates_by_id:
            return JSONResponse({"id": self.updates_by_id[ours]}, status_code=200)
        theirs = f"UPD-{len(self.updates_by_id) + 1:06d}"
        self.updates_by_id[ours] = theirs
        complaint.updates.append(body)
        complaint.status = str(body.get("status", complaint.status))
        return JSONResponse({"id": theirs}, status_code=201)

    async def _list(self, request: Request) -> JSONResponse:
        if (refused := self._refusal(request)) is not None:
            return refused
        self.polls += 1
        office = request.query_params.get("assigned_to")
        since = datetime.fromisoformat(request.query_params["since"])
        found = sorted(
            (
                c
                for c in self.complaints.values()
                if c.assigned_to == office and c.assigned_at and c.assigned_at >= since
            ),
            key=lambda c: (c.assigned_at or since, c.id),
        )
        start = int(request.query_params.get("cursor", "0"))
        page = found[start : start + self.page_size]
        more = start + self.page_size < len(found)
        return JSONResponse(
            {
                "items": [c.public() for c in page],
                "next": str(start + self.page_size) if more else None,
            }
        )

    async def _read(self, request: Request) -> JSONResponse:
        if (refused := self._refusal(request)) is not None:
            return refused
        complaint = self.complaints.get(request.path_params["tracking_id"])
        if complaint is None:
            return JSONResponse({"error": "no such complaint"}, status_code=404)
        return JSONResponse(complaint.public())

    async def assign(
        self,
        office: str,
        *,
        assigned_at: datetime | None = None,
        notify: bool = True,
        message_id: str | None = None,
        **content: Any,
    ) -> Complaint:
        """A complaint of the public, assigned to `office`; the signed webhook naming it
        goes out unless `notify` is false (a webhook the portal never sent, or lost)."""
        body: dict[str, Any] = {
            "title": "Jalan rusak tidak diperbaiki",
            "description": "Jalan di depan pasar berlubang sejak tiga bulan.",
            "category": "infrastruktur",
            "agency": "Dinas Pekerjaan Umum Kabupaten",
            "created_at": datetime.now(UTC).isoformat(),
            "complainant": {"name": "Siti Aminah", "email": "siti@example.id"},
            "anonymous": False,
            "confidential": False,
            "classification": "pengaduan",
        }
        body.update(content)
        complaint = Complaint(
            id=f"LPR-{len(self.complaints) + 1:06d}",
            body=body,
            assigned_to=office,
            assigned_at=assigned_at or datetime.now(UTC),
        )
        self.complaints[complaint.id] = complaint
        if notify:
            answer = await self.notify_assigned(complaint.id, message_id=message_id)
            assert answer.status_code == 202, answer.text
        return complaint

    async def notify_assigned(
        self, tracking_id: str, *, message_id: str | None = None
    ) -> httpx.Response:
        """The signed `complaint.assigned` webhook (again, when called again)."""
        body = {"type": "complaint.assigned", "data": {"tracking_id": tracking_id}}
        return await self._send_webhook(body, message_id)

    async def _send_webhook(
        self, payload: dict[str, Any], message_id: str | None
    ) -> httpx.Response:
        body = json.dumps(payload).encode()
        assert self.webhook is not None, "no webhook subscriber"
        client, path = self.webhook
        self.sent_webhooks += 1
        msg_id = message_id or f"msg_{self.sent_webhooks:06d}"
        signature = Webhook(self.webhook_secret).sign(msg_id, datetime.now(UTC), body)
        headers = {
            "webhook-id": msg_id,
            "webhook-timestamp": str(int(time.time())),
            "webhook-signature": signature,
            "content-type": "application/json",
        }
        return await client.post(path, content=body, headers=headers)

    async def change_status(
        self,
        tracking_id: str,
        status: str,
        *,
        update_id: str,
        at: datetime,
        message_id: str | None = None,
    ) -> httpx.Response:
        """Records a status change and sends the signed webhook; returns our answer."""
        complaint = self.complaints[tracking_id]
        complaint.status = status
        body = json.dumps(
            {
                "type": "complaint.updated",
                "data": {
                    "tracking_id": tracking_id,
                    "update_id": update_id,
                    "status": status,
                    "at": at.isoformat(),
                },
            }
        ).encode()
        assert self.webhook is not None, "no webhook subscriber"
        client, path = self.webhook
        self.sent_webhooks += 1
        msg_id = message_id or f"msg_{self.sent_webhooks:06d}"
        signature = Webhook(self.webhook_secret).sign(msg_id, datetime.now(UTC), body)
        headers = {
            "webhook-id": msg_id,
            "webhook-timestamp": str(int(time.time())),
            "webhook-signature": signature,
            "content-type": "application/json",
        }
        return await client.post(path, content=body, headers=headers)

    def add_file(self, name: str, content: bytes, *, failures: int = 0) -> dict[str, str]:
        """A file a complainant attached, as the portal lists it in a complaint's
        `attachments`: its id, name and a pre-signed URL (no API key needed)."""
        file_id = f"F-{len(self.files) + 1:05d}"
        self.files[file_id] = content
        self.file_failures[file_id] = failures
        signature = hashlib.sha256(f"{self.token}:{file_id}".encode()).hexdigest()[:16]
        return {"id": file_id, "name": name, "url": f"{self.url}/files/{file_id}?sig={signature}"}

    async def _file(self, request: Request) -> Response:
        self.file_requests += 1
        file_id = request.path_params["file_id"]
        expected = hashlib.sha256(f"{self.token}:{file_id}".encode()).hexdigest()[:16]
        if self.down or self.file_failures.get(file_id, 0) > 0:
            if file_id in self.file_failures and not self.down:
                self.file_failures[file_id] -= 1
            return JSONResponse({"error": "maintenance"}, status_code=503)
        if file_id not in self.files or request.query_params.get("sig") != expected:
            return JSONResponse({"error": "no such file"}, status_code=404)
        return Response(self.files[file_id], media_type="application/octet-stream")

    async def start(self) -> None:
        app = Starlette(
            routes=[
                Route("/complaints", self._create, methods=["POST"]),
                Route("/complaints", self._list, methods=["GET"]),
                Route("/complaints/{tracking_id}", self._read, methods=["GET"]),
                Route("/complaints/{tracking_id}/updates", self._update, methods=["POST"]),
                Route("/files/{file_id}", self._file, methods=["GET"]),
            ]
        )
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
