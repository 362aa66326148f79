"""What the gateway's tests share: settings, a migrated database, and a gateway under
test with helpers for tokens, users, clients and offices."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

import httpx

from apik_gateway.settings import Settings
from apik_testing.infra import TestInfra
from apik_testing.services import migrated_database as migrated_service_database

MAX_BODY = 1024 * 1024
READ_TIMEOUT = 0.5
PUBLIC_BURST = 3


async def migrated_database(infra: TestInfra) -> str:
    return await migrated_service_database(infra, "apik_gateway")


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

    async def create_client(self, *roles: str, office: str = "PUSAT") -> dict[str, Any]:
        """Registers an API client (as the bootstrap admin); the answer holds its secret."""
        response = await self.client.post(
            "/api/v1/auth/clients",
            json={
                "name": "LAPOR! connector",
                "office": office,
                "roles": list(roles or ("intake_officer",)),
            },
            headers=await self.headers(),
        )
        assert response.status_code == 201, response.text
        return dict(response.json())

    async def create_office(self, code: str, timezone: str = "Asia/Makassar") -> None:
        response = await self.client.post(
            "/api/v1/auth/offices",
            json={"code": code, "name": f"Perwakilan {code}", "timezone": timezone},
            headers=await self.headers(),
        )
        assert response.status_code in (201, 409), response.text


_NATS: list[str] = []


def use_nats(url: str) -> None:
    """The NATS every gateway of this suite publishes to (set once by conftest)."""
    _NATS[:] = [url]


def gateway_settings(database_url: str, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "database_url": database_url,
        "nats_url": _NATS[0],
        "admin_password": ADMIN_PASSWORD,
        "max_body_bytes": MAX_BODY,
        "upstream_read_timeout": READ_TIMEOUT,
        "public_rate_burst": PUBLIC_BURST,
        "public_rate_per_second": 0.1,
        "forward_access_log": False,
    }
    values.update(overrides)
    return Settings.model_validate(values)
