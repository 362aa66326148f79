"""A gateway route that reads JSON answers 415 to another media type, and creates
nothing; the same body as JSON is taken (the platform's check, on a real route)."""

from __future__ import annotations

import json
import secrets

from tests.gateway.builders import USER_PASSWORD, GatewayUnderTest


async def test_a_user_sent_as_text_is_415_and_as_json_is_created(
    gateway: GatewayUnderTest,
) -> None:
    headers = await gateway.headers()
    username = f"media.{secrets.token_hex(4)}"
    body = json.dumps(
        {
            "username": username,
            "password": USER_PASSWORD,
            "full_name": "Siti Rahma",
            "office": "PUSAT",
            "roles": ["examiner"],
        }
    ).encode()
    for content_type in ("text/plain", "application/x-www-form-urlencoded"):
        refused = await gateway.client.post(
            "/api/v1/auth/users", content=body, headers={**headers, "Content-Type": content_type}
        )
        assert refused.status_code == 415, refused.text
        assert refused.json()["type"] == "/problems/unsupported-media-type"
        assert refused.json()["expected"] == "application/json"
    created = await gateway.client.post(
        "/api/v1/auth/users",
        content=body,
        headers={**headers, "Content-Type": "application/json; charset=utf-8"},
    )
    # Created now, so the refused attempts created nothing (the name would be taken).
    assert created.status_code == 201, created.text
