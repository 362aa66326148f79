"""The portals' side: their webhooks in (`POST /portals/{portal}/inbound`), what we
send them (phase 1, push), listed and replayed, and what they assigned to the office
(phase 2, pull), listed, with the pull's state and a catch-up on demand.

The inbound route takes no token: a portal proves itself by signing with the secret it
shares with us (`APIK_PORTAL_SECRETS`). Accepted webhooks are applied by the inbound job.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Literal

from fastapi import Path, Query, Request

from apik_integration.deps import AUTH, CurrentSettings, LockedSend, Manager
from apik_integration.portals import service
from apik_integration.portals.schemas import (
    InboundAccepted,
    PortalSendPublic,
    PulledComplaintPublic,
    PullStatePublic,
    ReportDeadlinesPublic,
)
from apik_shared.platform.db import DbSession
from apik_shared.platform.pagination import DEFAULT_LIMIT, MAX_LIMIT, Page
from apik_shared.platform.problems import Conflict, InvalidInput, NotFound, problem_responses
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
        raise InvalidInput.field(
            "#/body",
            f"The body is larger than {MAX_BODY} bytes.",
            code="too_large",
            max_bytes=MAX_BODY,
        )
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


@router.get(
    "/portals/sends",
    response_model=Page[PortalSendPublic],
    responses=problem_responses(*AUTH, InvalidInput),
)
async def list_sends(
    session: DbSession,
    actor: Manager,
    portal: Annotated[str | None, Query(pattern=r"^[a-z0-9_-]{1,64}$")] = None,
    status: Annotated[
        Literal["pending", "sent", "failed"] | None,
        Query(description="`failed`: sends the schedule gave up on, waiting for a replay"),
    ] = None,
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
) -> Page[PortalSendPublic]:
    """The caller's office's sends to portals (reports and updates), newest first."""
    rows, next_cursor = await service.list_sends(
        session=session, actor=actor, portal=portal, status=status, cursor=cursor, limit=limit
    )
    return Page(
        items=[PortalSendPublic.model_validate(r, from_attributes=True) for r in rows],
        next_cursor=next_cursor,
    )


@router.post(
    "/portals/sends/{send_id}/replay",
    response_model=PortalSendPublic,
    responses=problem_responses(*AUTH, NotFound, Conflict),
)
async def replay_send(_: Manager, send: LockedSend, session: DbSession) -> PortalSendPublic:
    """Queues a failed send again, from the start of the schedule, in its report's
    order; 409 for one pending or sent."""
    await service.replay_send(session=session, send=send, now=datetime.now(UTC))
    return PortalSendPublic.model_validate(send, from_attributes=True)


@router.get(
    "/portals/deadlines",
    response_model=list[ReportDeadlinesPublic],
    responses=problem_responses(*AUTH, InvalidInput),
)
async def list_deadlines(
    session: DbSession,
    actor: Manager,
    settings: CurrentSettings,
    portal: Annotated[str | None, Query(pattern=r"^[a-z0-9_-]{1,64}$")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
) -> list[ReportDeadlinesPublic]:
    """The portal's three clocks on each report the caller's office pushed, newest first:
    the portal's verification, the office's follow-up, the closure without reply
    (`APIK_PORTAL_DEADLINE_DAYS`, working days in the office's calendar)."""
    rows = await service.list_deadlines(
        session=session,
        actor=actor,
        portal=portal,
        days=settings.portal_deadline_days,
        limit=limit,
    )
    return [ReportDeadlinesPublic.model_validate(r, from_attributes=True) for r in rows]


@router.get(
    "/portals/pulled",
    response_model=Page[PulledComplaintPublic],
    responses=problem_responses(*AUTH, InvalidInput),
)
async def list_pulled(
    session: DbSession,
    actor: Manager,
    portal: Annotated[str | None, Query(pattern=r"^[a-z0-9_-]{1,64}$")] = None,
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
) -> Page[PulledComplaintPublic]:
    """The complaints portals assigned to the caller's office (phase 2, pull), newest
    first: each once, however it was found, with the report intake registered it as
    (`registration_number`, `report_id`; null until intake has)."""
    rows, next_cursor = await service.list_pulled(
        session=session, actor=actor, portal=portal, cursor=cursor, limit=limit
    )
    reports = await service.reports_of_pulled(session=session, pulled=rows)
    items = []
    for row in rows:
        item = PulledComplaintPublic.model_validate(row, from_attributes=True)
        if (link := reports.get((row.portal, row.external_id))) is not None:
            item.registration_number, item.report_id = link.registration_number, link.report_id
        items.append(item)
    return Page(items=items, next_cursor=next_cursor)


@router.get(
    "/portals/pull-state",
    response_model=list[PullStatePublic],
    responses=problem_responses(*AUTH),
)
async def get_pull_state(
    session: DbSession, actor: Manager, settings: CurrentSettings
) -> list[PullStatePublic]:
    """The caller's office's pull from each portal switched on for it: the last good
    poll, the last nightly catch-up, and the last failure while the portal is away."""
    rows = await service.pull_state(session=session, actor=actor, portals=settings.portals)
    return [PullStatePublic.model_validate(r, from_attributes=True) for r in rows]


@router.post(
    "/portals/{portal}/catch-up",
    response_model=PullStatePublic,
    responses=problem_responses(*AUTH, NotFound, Conflict),
)
async def request_catch_up(
    portal: PortalName, session: DbSession, actor: Manager, settings: CurrentSettings
) -> PullStatePublic:
    """The office's catch-up over the last `APIK_PORTAL_CATCH_UP_HOURS` at the pull job's
    next turn, without waiting for the night (after a long outage); 409 when pulling is
    not switched on for the office."""
    cursor = await service.request_catch_up(
        session=session, actor=actor, portal=portal, portals=settings.portals
    )
    return PullStatePublic.model_validate(cursor, from_attributes=True)
