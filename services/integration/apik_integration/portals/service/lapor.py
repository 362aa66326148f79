"""The LAPOR!-style adapter: the portal's integration API over HTTPS with its key.

LAPOR!'s current API is documented only to accounts with a developer role, so the
paths below are those of the simulated portal of the tests (`tests/integration/
portal_sim.py`), to be set against the real one when its documentation is at hand.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import quote

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

    async def _get(self, path: str, params: dict[str, str] | None = None) -> Any:
        try:
            response = await self.client.get(
                self.base + path,
                params=params,
                headers={"authorization": f"Bearer {self.settings.token}"},
                timeout=self.timeout,
            )
        except httpx.HTTPError as exc:
            raise PortalUnavailable(f"{type(exc).__name__}: {exc}") from exc
        if response.status_code == 404:
            return None
        if response.status_code == 429 or response.status_code >= 500:
            raise PortalUnavailable(f"HTTP {response.status_code}")
        if response.status_code >= 400:
            raise PortalRefused(f"HTTP {response.status_code}: {response.text[:300]}")
        try:
            return response.json()
        except ValueError as exc:
            raise PortalUnavailable("the portal's answer is not JSON") from exc

    async def pull_assigned(self, office: str, since: datetime) -> list[AssignedComplaint]:
        """`GET /complaints?assigned_to=&since=`, page by page (`next`)."""
        found: list[AssignedComplaint] = []
        params = {"assigned_to": office, "since": since.isoformat()}
        while True:
            answer = await self._get("/complaints", params)
            if not isinstance(answer, dict) or not isinstance(answer.get("items"), list):
                raise PortalUnavailable("the portal's list has no items")
            found += [c for item in answer["items"] if (c := _complaint(item)) is not None]
            cursor = answer.get("next")
            if not isinstance(cursor, str) or not cursor:
                return found
            params = {**params, "cursor": cursor}

    async def fetch_complaint(self, external_id: str) -> AssignedComplaint | None:
        answer = await self._get(f"/complaints/{quote(external_id, safe='')}")
        return None if answer is None else _complaint(answer)

    def map_status(self, event_type: str) -> str | None:
        return self.settings.status_map.get(event_type)


# What a complaint of the portal brings: its tracking id, the office it is assigned to and
# when, and the content intake registers (the complainant and the text among it).
_CONTENT = (
    "title",
    "description",
    "category",
    "agency",
    "location",
    "created_at",
    "complainant",
    "anonymous",
    "confidential",
    "classification",
    # The files the complainant attached ({id, name, url}): intake fetches them.
    "attachments",
)


def _complaint(item: Any) -> AssignedComplaint | None:
    """One complaint of the portal's answer, or None when it lacks what we need."""
    if not isinstance(item, dict):
        return None
    tracking, office, at = item.get("id"), item.get("assigned_to"), item.get("assigned_at")
    if not (isinstance(tracking, str) and isinstance(office, str) and isinstance(at, str)):
        return None
    try:
        assigned_at = datetime.fromisoformat(at)
    except ValueError:
        return None
    if assigned_at.tzinfo is None:
        return None
    return AssignedComplaint(
        external_id=tracking,
        office=office,
        assigned_at=assigned_at,
        content={k: item[k] for k in _CONTENT if k in item},
    )
