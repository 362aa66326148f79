"""Webhooks to other government systems (Standard Webhooks): an office subscribes an
endpoint to event types, reads what was sent, and replays the dead letters."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Annotated, Literal

from fastapi import Query, Request, Response
from fastapi.responses import JSONResponse

from apik_integration.consumers import deliverable_types
from apik_integration.deps import (
    AUTH,
    Cipher,
    CurrentSettings,
    CurrentSubscription,
    LockedDelivery,
    LockedSubscription,
    Manager,
    WebhookFilter,
)
from apik_integration.webhooks import rules, service, views
from apik_integration.webhooks.schemas import (
    DeliveryPublic,
    SubscriptionCreate,
    SubscriptionPublic,
    SubscriptionWithSecret,
)
from apik_shared.platform.db import DbSession
from apik_shared.platform.etag import set_etag
from apik_shared.platform.idempotency import Idempotency
from apik_shared.platform.pagination import DEFAULT_LIMIT, MAX_LIMIT, Page
from apik_shared.platform.problems import (
    Conflict,
    InvalidInput,
    NotFound,
    PreconditionFailed,
    problem_responses,
)
from apik_shared.platform.routing import ServiceRouter, created

router = ServiceRouter(tags=["webhooks"])
SUBSCRIPTIONS = "/webhooks/subscriptions"
ONE = problem_responses(*AUTH, NotFound)
WRITE = problem_responses(*AUTH, NotFound, Conflict, PreconditionFailed)


@router.post(
    SUBSCRIPTIONS,
    status_code=201,
    response_model=SubscriptionWithSecret,
    responses=problem_responses(*AUTH, InvalidInput, Conflict),
)
async def create_subscription(
    data: SubscriptionCreate,
    request: Request,
    session: DbSession,
    actor: Manager,
    cipher: Cipher,
    settings: CurrentSettings,
    event_filter: WebhookFilter,
) -> Response:
    """Subscribes an endpoint of another system to event types of the caller's office.
    The answer carries the signing secret (`whsec_…`), shown this once. With
    `Idempotency-Key`, a retry answers the same subscription without its secret (never
    stored where a replay could read it): lost with the first answer, it is rotated."""
    idempotency = Idempotency(session, request, caller=actor.subject)
    if (replay := await idempotency.begin()) is not None:
        return replay
    unknown = rules.event_types_unknown(data.event_types, deliverable_types(settings))
    if unknown:
        raise InvalidInput.field(
            "#/body/event_types",
            f"No event type a subscription may ask for: {', '.join(unknown)}.",
            code="unknown_event_type",
            event_types=", ".join(unknown),
        )
    try:
        await service.check_target(
            data.url,
            allow_private=settings.webhook_allow_private_targets,
            allow_http=settings.webhook_allow_http,
        )
    except rules.BadTarget as exc:
        raise InvalidInput.field("#/body/url", str(exc), code="target_refused") from exc
    subscription, secret = await service.create_subscription(
        session=session,
        cipher=cipher,
        actor=actor,
        client=data.client,
        url=data.url,
        event_types=data.event_types,
        event_filter=event_filter,
    )
    shown = views.public(subscription)
    body = SubscriptionWithSecret(**shown.model_dump(), secret=secret)
    return await created(
        idempotency,
        body,
        location=f"{request.url.path}/{subscription.id}",
        version=subscription.version,
        replay=shown,
    )


@router.get(
    SUBSCRIPTIONS, response_model=list[SubscriptionPublic], responses=problem_responses(*AUTH)
)
async def list_subscriptions(session: DbSession, actor: Manager) -> list[SubscriptionPublic]:
    """The caller's office's subscriptions, newest first (never their secrets)."""
    rows = await service.list_subscriptions(session=session, actor=actor)
    return [views.public(s) for s in rows]


@router.get(SUBSCRIPTIONS + "/{subscription_id}", response_model=SubscriptionPublic, responses=ONE)
async def get_subscription(
    _: Manager, subscription: CurrentSubscription, response: Response
) -> SubscriptionPublic:
    """One subscription, with its ETag for the writes on it."""
    set_etag(response, subscription.version)
    return views.public(subscription)


@router.post(
    SUBSCRIPTIONS + "/{subscription_id}/disable", response_model=SubscriptionPublic, responses=WRITE
)
async def disable_subscription(
    actor: Manager, subscription: LockedSubscription, session: DbSession, response: Response
) -> SubscriptionPublic:
    """Stops sending to the endpoint; its pending deliveries wait (`If-Match`)."""
    await service.disable(
        session=session,
        subscription=subscription,
        reason=f"disabled by {actor.username}",
        now=datetime.now(UTC),
    )
    set_etag(response, subscription.version)
    return views.public(subscription)


@router.post(
    SUBSCRIPTIONS + "/{subscription_id}/enable", response_model=SubscriptionPublic, responses=WRITE
)
async def enable_subscription(
    _: Manager,
    subscription: LockedSubscription,
    session: DbSession,
    response: Response,
    event_filter: WebhookFilter,
) -> SubscriptionPublic:
    """Sends to the endpoint again, its waiting deliveries first (`If-Match`)."""
    await service.enable(session=session, subscription=subscription, event_filter=event_filter)
    set_etag(response, subscription.version)
    return views.public(subscription)


@router.post(
    SUBSCRIPTIONS + "/{subscription_id}/rotate-secret",
    response_model=SubscriptionWithSecret,
    responses=WRITE,
)
async def rotate_secret(
    _: Manager,
    subscription: LockedSubscription,
    session: DbSession,
    cipher: Cipher,
    settings: CurrentSettings,
) -> JSONResponse:
    """A new secret, shown this once. The old one keeps signing beside it for
    `APIK_WEBHOOK_ROTATION_OVERLAP_HOURS` (`If-Match`)."""
    secret = await service.rotate_secret(
        session=session,
        cipher=cipher,
        subscription=subscription,
        overlap=timedelta(hours=settings.webhook_rotation_overlap_hours),
    )
    body = SubscriptionWithSecret(**views.public(subscription).model_dump(), secret=secret)
    return JSONResponse(
        body.model_dump(mode="json"),
        headers={"ETag": f'"{subscription.version}"', "Cache-Control": "no-store"},
    )


@router.get(
    "/webhooks/deliveries",
    response_model=Page[DeliveryPublic],
    responses=problem_responses(*AUTH, InvalidInput),
)
async def list_deliveries(
    session: DbSession,
    actor: Manager,
    status: Annotated[
        Literal["pending", "delivered", "failed"] | None,
        Query(description="`failed`: the dead letters, which a replay sends again"),
    ] = None,
    subscription_id: uuid.UUID | None = None,
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
) -> Page[DeliveryPublic]:
    """The caller's office's deliveries, newest first."""
    rows, next_cursor = await service.list_deliveries(
        session=session,
        actor=actor,
        status=status,
        subscription_id=subscription_id,
        cursor=cursor,
        limit=limit,
    )
    return Page(
        items=[DeliveryPublic.model_validate(d, from_attributes=True) for d in rows],
        next_cursor=next_cursor,
    )


@router.post(
    "/webhooks/deliveries/{delivery_id}/replay",
    response_model=DeliveryPublic,
    responses=problem_responses(*AUTH, NotFound, Conflict),
)
async def replay_delivery(
    _: Manager, delivery: LockedDelivery, session: DbSession
) -> DeliveryPublic:
    """Sends a dead letter (or a delivered one) again, from the start of the schedule,
    with the same `webhook-id`."""
    await service.replay(session=session, delivery=delivery, now=datetime.now(UTC))
    return DeliveryPublic.model_validate(delivery, from_attributes=True)
