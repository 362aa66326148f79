"""Shared cases between APIK deployments: a peer's signals in
(`POST /peers/{peer}/signals`) and the office's reports a peer holds too
(`GET /shared-cases`).

The signals route takes no token: a peer proves itself by signing with the secret of
the pair (`APIK_PEERS`), like a portal's webhook.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import Path, Query, Request

from apik_integration.deps import AUTH, CurrentSettings, SharedCaseReader
from apik_integration.peers import service
from apik_integration.peers.schemas import SharedCasePublic, SignalAccepted
from apik_integration.portals.service import (
    WebhookForged,
    WebhookHeadersMissing,
    WebhookReplayed,
    WebhookStale,
)
from apik_shared.platform.db import DbSession
from apik_shared.platform.pagination import DEFAULT_LIMIT, MAX_LIMIT
from apik_shared.platform.problems import InvalidInput, NotFound, problem_responses
from apik_shared.platform.routing import ServiceRouter

router = ServiceRouter(tags=["peers"])
PeerName = Annotated[str, Path(pattern=r"^[a-z0-9_-]{1,64}$", examples=["jakarta-banten"])]
MAX_BODY = 16 * 1024  # a signal is a few hundred bytes


@router.post(
    "/peers/{peer}/signals",
    status_code=202,
    response_model=SignalAccepted,
    responses=problem_responses(
        NotFound, InvalidInput, WebhookHeadersMissing, WebhookStale, WebhookForged, WebhookReplayed
    ),
)
async def receive_signal(
    peer: PeerName, request: Request, session: DbSession, settings: CurrentSettings
) -> SignalAccepted:
    """A peer's shared-case signal (Standard Webhooks: `webhook-id`, `webhook-timestamp`
    within ±5 minutes, `webhook-signature`): the fingerprint of a letter, the peer's
    registration number and status. Each `webhook-id` once; a forged, stale, replayed
    or malformed one is refused and changes nothing."""
    configured = service.peer_of(settings.peers, peer)
    body = await request.body()
    if len(body) > MAX_BODY:
        raise InvalidInput.field(
            "#/body",
            f"The body is larger than {MAX_BODY} bytes.",
            code="too_large",
            max_bytes=MAX_BODY,
        )
    received = await service.receive_signal(
        session=session,
        name=peer,
        peer=configured,
        headers=request.headers,
        body=body,
        tolerance_seconds=settings.inbound_tolerance_seconds,
        now=datetime.now(UTC),
    )
    return SignalAccepted(
        peer=peer,
        webhook_id=received.webhook_id,
        registration_number=received.registration_number,
        effect=received.effect,
    )


@router.get(
    "/shared-cases",
    response_model=list[SharedCasePublic],
    responses=problem_responses(*AUTH, InvalidInput),
)
async def list_shared_cases(
    actor: SharedCaseReader,
    session: DbSession,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
) -> list[SharedCasePublic]:
    """The office's reports that a peer deployment holds too (the same letter), with the
    peer's registration number and latest status."""
    rows = await service.list_shared_cases(session=session, actor=actor, limit=limit)
    return [
        SharedCasePublic(
            peer=local.peer,
            registration_number=local.registration_number,
            status=local.status,
            status_at=local.status_at,
            peer_registration_number=remote.registration_number,
            peer_status=remote.status,
            peer_status_at=remote.status_at,
        )
        for local, remote in rows
    ]
