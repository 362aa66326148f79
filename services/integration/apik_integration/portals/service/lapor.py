"""The LAPOR!-style adapter: the portal's integration API over HTTPS with its key.

LAPOR!'s current API is documented only to accounts with a developer role, so the
paths below are those of the simulated portal of the tests (`tests/integration/
portal_sim.py`), to be set against the real one when its documentation is at hand.
"""

from __future__ import annotations

from datetime import datetime

import httpx

from apik_integration.portals.service.adapter import (
    AssignedComplaint,
    OutgoingReport,
    OutgoingUpdate,
    PortalRefused,
    PortalUnavailable,
)
from apik_integration.settings import PortalSettings


class LaporAdapter:
    def __init__(
        self, settings: PortalSettings, client: httpx.AsyncClient, *, timeout: float
    ) -> None:
        self.settings = settings
        self.client = client
        self.timeout = timeout
        self.base = settings.url.rstrip("/")

    def _headers(self, key: str) -> dict[str, str]:
        return {"authorization": f"Bearer {self.settings.token}", "idempotency-key": key}

    async def _post(self, path: str, body: dict, key: str) -> dict:
        try:
            response = await self.client.post(
                self.base + path, json=body, headers=self._headers(key), timeout=self.timeout
            )
        except httpx.HTTPError as exc:
            raise PortalUnavailable(f"{type(exc).__name__}: {exc}") from exc
        if response.status_code == 429 or response.status_code >= 500:
            raise PortalUnavailable(f"HTTP {response.status_code}")
        if response.status_code >= 400:
            raise PortalRefused(f"HTTP {response.status_code}: {response.text[:300]}")
        try:
            answer = response.json()
        except ValueError as exc:
            raise PortalUnavailable("the portal's answer is not JSON") from exc
        if not isinstance(answer, dict) or "id" not in answer:
            raise PortalUnavailable("the portal's answer has no id")
        return answer

    async def push_report(self, report: OutgoingReport) -> str:
        answer = await self._post("/complaints", report.payload, report.send_id)
        return str(answer["id"])

    async def push_update(self, update: OutgoingUpdate) -> str:
        body = {**update.payload, "update_id": update.send_id}
        answer = await self._post(f"/complaints/{update.external_id}/updates", body, update.send_id)
        return str(answer["id"])

    async def pull_assigned(self, office: str, since: datetime) -> list[AssignedComplaint]:
        raise NotImplementedError("phase 2 (pull) is not built yet")

    def map_status(self, event_type: str) -> str | None:
        return self.settings.status_map.get(event_type)
