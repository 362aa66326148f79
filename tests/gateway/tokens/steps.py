"""Helpers of the session tests: sign in, refresh, change an account, wait for a 401."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import httpx

from tests.gateway.builders import GatewayUnderTest

TOKEN = "/api/v1/auth/token"
LOGOUT = "/api/v1/auth/logout"
ME = "/api/v1/auth/me"
# Every service refuses a revoked session within this long.
WITHIN_SECONDS = 5.0


async def sign_in(gateway: GatewayUnderTest, user: dict[str, Any]) -> dict[str, Any]:
    response = await gateway.client.post(
        TOKEN, data={"username": user["username"], "password": user["password"]}
    )
    assert response.status_code == 200, response.text
    return dict(response.json())


async def refresh(gateway: GatewayUnderTest, refresh_token: str) -> httpx.Response:
    return await gateway.client.post(
        TOKEN, data={"grant_type": "refresh_token", "refresh_token": refresh_token}
    )


def bearer(tokens: dict[str, Any]) -> dict[str, str]:
    return {"Authorization": f"Bearer {tokens['access_token']}"}


async def change_user(gateway: GatewayUnderTest, user_id: str, **changes: Any) -> None:
    """An admin's PATCH of the account, with the If-Match it needs."""
    admin = await gateway.headers()
    path = f"/api/v1/auth/users/{user_id}"
    etag = (await gateway.client.get(path, headers=admin)).headers["etag"]
    response = await gateway.client.patch(path, json=changes, headers={**admin, "If-Match": etag})
    assert response.status_code == 200, response.text


async def refused_within(
    client: httpx.AsyncClient, path: str, headers: dict[str, str], seconds: float = WITHIN_SECONDS
) -> float:
    """Asks `path` until it answers 401; returns how long that took."""
    started = time.monotonic()
    while True:
        response = await client.get(path, headers=headers)
        if response.status_code == 401:
            return time.monotonic() - started
        assert response.status_code == 200, response.text
        if time.monotonic() - started > seconds:
            raise AssertionError(f"still accepted after {seconds} s")
        await asyncio.sleep(0.1)
