"""The portals' side: their webhooks in (`POST /portals/{portal}/inbound`).

No token: a portal proves itself by signing with the secret it shares with us
(`APIK_PORTAL_SECRETS`). Accepted updates are kept for the portal's adapter (later).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Request

from apik_integration.deps import CurrentSettings
from apik_integration.portals import service
from apik_integration.portals.schemas import InboundAccepted
from apik_shared.platform.db import DbSession
from apik_shared.platform.problems import InvalidInput, NotFound, problem_responses
from apik_shared.platform.routing import ServiceRouter

router = ServiceRouter(tags=["portals"])
PortalName = Annotated[str, Path(pattern=r"^[a-z0-9_-]{1,64}$", examples=["lapor"])]
MAX_BODY = 1024 * 1024


@router.post(
    "/portals/{portal}/inbound",
    status_code=202,
    response_model=InboundAccepted,
    responses=problem_responses(
        NotFound,
        InvalidInput,
        service.WebhookHeadersMissing,
        service.WebhookStale,
        service.WebhookForged,
        service.WebhookReplayed,
    ),
)
async def receive_webhook(
    portal: PortalName, request: Request, session: DbSession, settings: CurrentSettings
) -> InboundAccepted:
    """A portal's webhook (Standard Webhooks): `webhook-id`, `webhook-timestamp` within
    ±5 minutes, `webhook-signature`. Each `webhook-id` is accepted once; a forged, stale
    or replayed one is refused and nothing is kept."""
    keys = service.portal_keys(settings.portal_secrets, portal)
    body = await request.body()
    if len(body) > MAX_BODY:
        raise InvalidInput.field("#/body", f"The body is larger than {MAX_BODY} bytes.")
    update = await service.receive(
        session=session,
        portal=portal,
        keys=keys,
        headers=request.headers,
        body=body,
        tolerance_seconds=settings.inbound_tolerance_seconds,
    )
    return InboundAccepted(
        id=update.id,
        portal=portal,
        webhook_id=update.webhook_id,
        event_type=update.event_type,
        received_at=update.received_at,
    )
