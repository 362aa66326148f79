"""A portal's webhooks in: verified with its secret, ±5 minutes, each webhook-id once;
forged, stale, replayed and unknown refused with problem+json, nothing kept."""

from __future__ import annotations

import json
import time

from standardwebhooks.webhooks import Webhook

from apik_integration.webhooks.rules import encode_secret
from apik_testing.services import RunningService
from tests.integration.builders import INBOUND, PORTAL_SECRET, PROBLEM, V1, signed

UPDATE = {"type": "complaint.updated", "data": {"tracking_id": "LAPOR-123", "status": "proses"}}


def body_of(payload: dict | None = None) -> bytes:
    return json.dumps(payload or UPDATE).encode()


async def kept(service: RunningService, webhook_id: str) -> int:
    return int(
        await service.scalar(
            "SELECT count(*) FROM inbound_update WHERE webhook_id = :w", w=webhook_id
        )
    )


async def test_a_signed_webhook_is_accepted_once(integration: RunningService) -> None:
    body = body_of()
    headers = signed(body)
    accepted = await integration.client.post(INBOUND, content=body, headers=headers)
    assert accepted.status_code == 202, accepted.text
    assert accepted.json()["webhook_id"] == headers["webhook-id"]
    assert accepted.json()["event_type"] == "complaint.updated"
    stored = await integration.scalar(
        "SELECT body FROM inbound_update WHERE webhook_id = :w", w=headers["webhook-id"]
    )
    assert stored == UPDATE
    replayed = await integration.client.post(INBOUND, content=body, headers=headers)
    assert replayed.status_code == 409
    assert replayed.headers["content-type"] == PROBLEM
    assert replayed.json()["type"].endswith("webhook-replayed")
    assert await kept(integration, headers["webhook-id"]) == 1


async def test_the_same_webhook_id_resigned_later_is_still_a_replay(
    integration: RunningService,
) -> None:
    body = body_of()
    first = signed(body)
    assert (await integration.client.post(INBOUND, content=body, headers=first)).status_code == 202
    later = signed(body, msg_id=first["webhook-id"], at=time.time() + 60)
    again = await integration.client.post(INBOUND, content=body, headers=later)
    assert again.status_code == 409


async def test_a_forged_webhook_is_refused(integration: RunningService) -> None:
    body = body_of()
    forged = signed(body, secret=encode_secret(b"not-the-portal-secret-32-bytes!!"))
    response = await integration.client.post(INBOUND, content=body, headers=forged)
    assert response.status_code == 401
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["type"].endswith("webhook-signature-invalid")
    # A genuine signature over another body is a forgery too.
    tampered = signed(body)
    response = await integration.client.post(
        INBOUND, content=body_of({"type": "complaint.closed"}), headers=tampered
    )
    assert response.status_code == 401
    assert await kept(integration, forged["webhook-id"]) == 0
    assert await kept(integration, tampered["webhook-id"]) == 0


async def test_a_stale_or_future_webhook_is_refused(integration: RunningService) -> None:
    body = body_of()
    for at in (time.time() - 6 * 60, time.time() + 6 * 60):
        headers = signed(body, at=at)
        response = await integration.client.post(INBOUND, content=body, headers=headers)
        assert response.status_code == 400
        assert response.json()["type"].endswith("webhook-stale")
        assert await kept(integration, headers["webhook-id"]) == 0
    # Four minutes off is within tolerance.
    fine = signed(body, at=time.time() - 4 * 60)
    assert (await integration.client.post(INBOUND, content=body, headers=fine)).status_code == 202


async def test_missing_headers_and_bodies_that_are_not_objects(
    integration: RunningService,
) -> None:
    body = body_of()
    headers = signed(body)
    del headers["webhook-signature"]
    response = await integration.client.post(INBOUND, content=body, headers=headers)
    assert response.status_code == 400
    assert response.json()["type"].endswith("webhook-headers-missing")
    for raw in (b"[1, 2]", b"not json", b"\xff\xfe"):
        response = await integration.client.post(INBOUND, content=raw, headers=signed(raw))
        assert response.status_code == 422, raw
        assert response.json()["errors"][0]["pointer"] == "#/body"


async def test_an_unknown_portal_is_not_found(integration: RunningService) -> None:
    body = body_of()
    response = await integration.client.post(
        f"{V1}/portals/nowhere/inbound", content=body, headers=signed(body)
    )
    assert response.status_code == 404
    assert response.headers["content-type"] == PROBLEM
    bad_name = await integration.client.post(
        f"{V1}/portals/NOT%20A%20NAME/inbound", content=body, headers=signed(body)
    )
    assert bad_name.status_code == 422


def test_the_reference_library_verifies_what_the_builders_sign() -> None:
    body = body_of()
    headers = signed(body)
    assert Webhook(PORTAL_SECRET).verify(body, headers) == UPDATE
