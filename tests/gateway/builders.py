"""Small helpers to talk to a gateway under test: tokens and users."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

import httpx

from apik_gateway.settings import Settings

ADMIN_PASSWORD = "correct-horse-battery-9"
USER_PASSWORD = "a-long-enough-passphrase-7"


@dataclass
class GatewayUnderTest:
    url: str
    client: httpx.AsyncClient
    settings: Settings

    async def token(self, username: str, password: str) -> str:
        response = await self.client.post(
            "/api/v1/auth/token", data={"username": username, "password": password}
        )
        assert response.status_code == 200, response.text
        return str(response.json()["access_token"])

    async def headers(
        self, username: str = "admin", password: str = ADMIN_PASSWORD
    ) -> dict[str, str]:
        return {"Authorization": f"Bearer {await self.token(username, password)}"}

    async def create_user(
        self,
        *roles: str,
        office: str = "PUSAT",
        password: str = USER_PASSWORD,
        as_headers: dict[str, str] | None = None,
    ) -> dict[str, Any]:
        """Creates a user through the API (as the bootstrap admin by default)."""
        username = f"user.{secrets.token_hex(4)}"
        body = {
            "username": username,
            "password": password,
            "full_name": "Siti Rahma",
            "office": office,
            "roles": list(roles),
        }
        response = await self.client.post(
            "/api/v1/auth/users", json=body, headers=as_headers or await self.headers()
        )
        assert response.status_code == 201, response.text
        return {"id": response.json()["id"], "username": username, "password": password}

    async def create_office(self, code: str, timezone: str = "Asia/Makassar") -> None:
        response = await self.client.post(
            "/api/v1/auth/offices",
            json={"code": code, "name": f"Perwakilan {code}", "timezone": timezone},
            headers=await self.headers(),
        )
        assert response.status_code in (201, 409), response.text
