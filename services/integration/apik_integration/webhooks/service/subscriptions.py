"""Subscriptions: an office's endpoints, their secrets (sealed, rotated with an overlap)
and the check that a target is somewhere a webhook may go."""

from __future__ import annotations

import os
import uuid
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import select

from apik_integration.models import Subscription
from apik_integration.refusals import IntegrationConflict
from apik_integration.webhooks import rules
from apik_shared.platform import targets
from apik_shared.platform.access import get_in_office
from apik_shared.platform.auth import Principal
from apik_shared.platform.crypto import FieldCipher
from apik_shared.platform.events.filters import FilterWidener, type_subjects
from apik_shared.platform.fields import utcnow

RESOLVE_SECONDS = 5.0


def _context(subscription_id: uuid.UUID) -> str:
    return f"webhook-secret:{subscription_id}"


async def check_target(url: str, *, allow_private: bool, allow_http: bool) -> None:
    """Raises `rules.BadTarget` unless every address the URL's host resolves to may be
    reached. Checked when subscribing and again before each send: a name can be pointed
    elsewhere later (DNS rebinding)."""
    await targets.check_target(url, allow_private=allow_private, allow_http=allow_http)


async def create_subscription(
    *,
    session: AsyncSession,
    cipher: FieldCipher,
    actor: Principal,
    client: str,
    url: str,
    event_types: list[str],
    event_filter: FilterWidener,
) -> tuple[Subscription, str]:
    """A new active subscription of the caller's office, and its secret (shown once).
    The consumer's filter lets its types through before it commits: none of their
    events stored after the commit is skipped by the server."""
    subscription_id = uuid.uuid4()
    secret = rules.encode_secret(os.urandom(rules.SECRET_BYTES))
    subscription = Subscription(
        id=subscription_id,
        office=actor.office,
        client=client,
        url=url,
        event_types=sorted(set(event_types)),
        secret=cipher.encrypt(secret.encode(), context=_context(subscription_id)),
        created_by=actor.username,
    )
    session.add(subscription)
    await session.flush()
    await event_filter.widen(session, type_subjects(subscription.event_types))
    return subscription, secret


async def list_subscriptions(*, session: AsyncSession, actor: Principal) -> list[Subscription]:
    query = (
        select(Subscription)
        .where(Subscription.office == actor.office)
        .order_by(Subscription.created_at.desc(), Subscription.id.desc())  # type: ignore[attr-defined]
    )
    return list((await session.execute(query)).scalars())


async def get_subscription(
    *,
    session: AsyncSession,
    subscription_id: uuid.UUID,
    actor: Principal,
    for_update: bool = False,
) -> Subscription:
    return await get_in_office(
        session=session,
        model=Subscription,
        ident=subscription_id,
        actor=actor,
        label="subscription",
        for_update=for_update,
    )


def _bump(subscription: Subscription) -> None:
    subscription.version += 1


async def disable(
    *, session: AsyncSession, subscription: Subscription, reason: str, now: datetime
) -> Subscription:
    if rules.SubscriptionAction.disable not in rules.subscription_actions(subscription.status):
        raise IntegrationConflict(
            "The subscription is already disabled.", code="subscription_already_disabled"
        )
    subscription.status = "disabled"
    subscription.disabled_reason = reason
    subscription.disabled_at = now
    _bump(subscription)
    await session.flush()
    return subscription


async def enable(
    *, session: AsyncSession, subscription: Subscription, event_filter: FilterWidener
) -> Subscription:
    """Active again: its pending deliveries go out, its clock of failure starts afresh,
    and the consumer's filter lets its types through (as at its creation)."""
    if rules.SubscriptionAction.enable not in rules.subscription_actions(subscription.status):
        raise IntegrationConflict(
            "The subscription is already active.", code="subscription_already_active"
        )
    subscription.status = "active"
    subscription.disabled_reason = None
    subscription.disabled_at = None
    subscription.failing_since = None
    _bump(subscription)
    await session.flush()
    await event_filter.widen(session, type_subjects(subscription.event_types))
    return subscription


async def rotate_secret(
    *,
    session: AsyncSession,
    cipher: FieldCipher,
    subscription: Subscription,
    overlap: timedelta,
    now: datetime | None = None,
) -> str:
    """A new secret signs from now on; the current one keeps signing beside it for
    `overlap`, so the receiver can switch without missing a delivery."""
    now = now or utcnow()
    secret = rules.encode_secret(os.urandom(rules.SECRET_BYTES))
    subscription.previous_secret = subscription.secret
    subscription.previous_secret_until = now + overlap
    subscription.secret = cipher.encrypt(secret.encode(), context=_context(subscription.id))
    _bump(subscription)
    await session.flush()
    return secret


def signing_keys(subscription: Subscription, cipher: FieldCipher, now: datetime) -> list[bytes]:
    """The keys a delivery is signed with now: the secret, and the previous one while
    its overlap lasts."""
    context = _context(subscription.id)
    sealed = [subscription.secret]
    until = subscription.previous_secret_until
    if subscription.previous_secret and until is not None and until > now:
        sealed.append(subscription.previous_secret)
    return [rules.decode_secret(cipher.decrypt(s, context=context).decode()) for s in sealed]
