"""What the integration routes share: who may call, the settings, the cipher, and the
rows a route works on (loaded, office-checked and, for writes, locked and checked
against `If-Match` in one place)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends, Request

from apik_integration.consumers import webhooks_durable
from apik_integration.models import Delivery, PortalSend, Subscription
from apik_integration.portals import service as portals
from apik_integration.settings import Settings
from apik_integration.webhooks import service as webhooks
from apik_shared.platform.app import app_settings
from apik_shared.platform.auth import CurrentPrincipal, Principal, Role, require_roles
from apik_shared.platform.capabilities import Capability, require_capability
from apik_shared.platform.crypto import FieldCipher
from apik_shared.platform.db import DbSession
from apik_shared.platform.etag import check_if_match
from apik_shared.platform.events.bus import EventBus
from apik_shared.platform.events.filters import FilterWidener
from apik_shared.platform.problems import Forbidden, Unauthorized

AUTH = (Unauthorized, Forbidden)
CurrentSettings = Annotated[Settings, Depends(app_settings)]
# Who connects the office to other systems: its head (an administrator passes too).
Manager = Annotated[Principal, Depends(require_capability(Capability.integration_manage))]
# Who sees the office's shared cases (numbers and statuses only): its head, its intake
# officers (who register and route the letters) and its analysts.
SharedCaseReader = Annotated[
    Principal, Depends(require_roles(Role.head, Role.intake_officer, Role.analyst))
]


async def _cipher(request: Request) -> FieldCipher:
    cipher: FieldCipher = request.app.state.cipher
    return cipher


Cipher = Annotated[FieldCipher, Depends(_cipher)]


async def _webhook_filter(request: Request, settings: CurrentSettings) -> FilterWidener:
    bus: EventBus = request.app.state.bus
    return FilterWidener(bus.jetstream, durable=webhooks_durable(settings))


# Widens the webhooks consumer's filter in the request's transaction, before a
# subscription asking for new types commits (`apik_shared.platform.events.filters`).
WebhookFilter = Annotated[FilterWidener, Depends(_webhook_filter)]


# The route declares its role type before these, so that a caller without the role gets
# 403 before learning whether the row exists.
async def _subscription(
    subscription_id: uuid.UUID, session: DbSession, actor: CurrentPrincipal
) -> Subscription:
    return await webhooks.get_subscription(
        session=session, subscription_id=subscription_id, actor=actor
    )


async def _locked_subscription(
    subscription_id: uuid.UUID, request: Request, session: DbSession, actor: CurrentPrincipal
) -> Subscription:
    subscription = await webhooks.get_subscription(
        session=session, subscription_id=subscription_id, actor=actor, for_update=True
    )
    check_if_match(request, subscription.version)
    return subscription


async def _locked_delivery(
    delivery_id: uuid.UUID, session: DbSession, actor: CurrentPrincipal
) -> Delivery:
    return await webhooks.get_delivery(
        session=session, delivery_id=delivery_id, actor=actor, for_update=True
    )


CurrentSubscription = Annotated[Subscription, Depends(_subscription)]
LockedSubscription = Annotated[Subscription, Depends(_locked_subscription)]
LockedDelivery = Annotated[Delivery, Depends(_locked_delivery)]


async def _locked_send(
    send_id: uuid.UUID, session: DbSession, actor: CurrentPrincipal
) -> PortalSend:
    return await portals.get_send(session=session, send_id=send_id, actor=actor, for_update=True)


LockedSend = Annotated[PortalSend, Depends(_locked_send)]
