"""Inbound webhooks from portals, verified the Standard Webhooks way (signature against
the portal's secrets, timestamp within the tolerance, each `webhook-id` once) and kept
as inbound updates for the portal's adapter."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from apik_integration.models import InboundUpdate
from apik_integration.portals.rules import ASSIGNED
from apik_integration.webhooks import rules
from apik_shared.platform.problems import Conflict, InvalidInput, NotFound, Problem


class WebhookHeadersMissing(Problem):
    status, slug, title = 400, "webhook-headers-missing", "The webhook's headers are incomplete"


class WebhookStale(Problem):
    status, slug, title = 400, "webhook-stale", "The webhook's timestamp is out of tolerance"


class WebhookForged(Problem):
    status, slug, title = 401, "webhook-signature-invalid", "The webhook's signature is invalid"


class WebhookReplayed(Conflict):
    slug, title = "webhook-replayed", "This webhook-id was already accepted"


_PROBLEMS: dict[rules.Refusal, type[Problem]] = {
    rules.Refusal.missing: WebhookHeadersMissing,
    rules.Refusal.stale: WebhookStale,
    rules.Refusal.forged: WebhookForged,
}


def portal_keys(secrets: Mapping[str, list[str]], portal: str) -> list[bytes]:
    """The portal's secrets as keys; an unknown portal is a 404."""
    configured = secrets.get(portal)
    if not configured:
        raise NotFound(f"No portal {portal!r} is connected.")
    return [rules.decode_secret(s) for s in configured]


async def receive(
    *,
    session: AsyncSession,
    portal: str,
    keys: list[bytes],
    headers: Mapping[str, str],
    body: bytes,
    tolerance_seconds: int,
    now: datetime | None = None,
) -> InboundUpdate:
    """Verifies and stores one inbound webhook; refuses forged, stale and replayed ones
    with a problem, storing nothing."""
    now = now or datetime.now(UTC)
    try:
        verified = rules.verify(
            keys, headers=headers, body=body, now=now, tolerance_seconds=tolerance_seconds
        )
    except rules.VerificationFailed as exc:
        raise _PROBLEMS[exc.reason](exc.detail) from exc
    try:
        payload = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise InvalidInput.field("#/body", "The body is not JSON.", code="json_invalid") from exc
    if not isinstance(payload, dict):
        raise InvalidInput.field("#/body", "The body must be a JSON object.", code="dict_type")
    kind = payload.get("type")
    if kind == ASSIGNED:
        # A portal may put the whole complaint in its webhook: only the tracking id is
        # kept (the complaint is fetched and sealed for intake), no personal data rests.
        data = payload.get("data")
        tracking = data.get("tracking_id") if isinstance(data, dict) else None
        payload = {"type": kind, "data": {"tracking_id": tracking}}
    update = InboundUpdate(
        portal=portal,
        webhook_id=verified.msg_id,
        sent_at=datetime.fromtimestamp(verified.timestamp, UTC),
        received_at=now,
        event_type=kind if isinstance(kind, str) else None,
        body=payload,
    )
    stored = await session.execute(
        pg_insert(InboundUpdate)
        .values(
            id=update.id,
            portal=update.portal,
            webhook_id=update.webhook_id,
            sent_at=update.sent_at,
            received_at=update.received_at,
            event_type=update.event_type,
            body=update.body,
        )
        .on_conflict_do_nothing(index_elements=["portal", "webhook_id"])
        .returning(col(InboundUpdate.id))
    )
    if stored.first() is None:
        raise WebhookReplayed(f"webhook-id {verified.msg_id!r} was already accepted.")
    return update
