"""Sending due deliveries: claimed with `FOR UPDATE SKIP LOCKED` (replicas side by side
never send one twice), signed, posted, and the answer recorded in the same transaction.

The row lock is held while the request is out (at most the timeout), so a crash before
the commit leaves the delivery pending: it is sent again with the same `webhook-id`,
which the receiver deduplicates — at least once on our side, once on theirs.
"""

from __future__ import annotations

import asyncio
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import httpx
from sqlalchemy import func, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_integration.models import Delivery, Subscription
from apik_integration.settings import Settings
from apik_integration.webhooks import rules
from apik_integration.webhooks.service.subscriptions import check_target, signing_keys
from apik_shared.platform.crypto import FieldCipher

ERROR_CHARS = 500


@dataclass
class Answer:
    status: int | None = None
    retry_after: str | None = None
    error: str | None = None


async def _post(
    client: httpx.AsyncClient,
    delivery: Delivery,
    subscription: Subscription,
    *,
    keys: list[bytes],
    settings: Settings,
    now: datetime,
) -> Answer:
    try:
        await check_target(
            subscription.url,
            allow_private=settings.webhook_allow_private_targets,
            allow_http=settings.webhook_allow_http,
        )
    except rules.BadTarget as exc:
        return Answer(error=f"refused target: {exc}")
    body = delivery.body.encode()
    headers = rules.webhook_headers(
        keys, msg_id=delivery.event_id, timestamp=int(now.timestamp()), body=body
    )
    try:
        # Streamed and never read: a receiver cannot make us download its answer.
        async with client.stream(
            "POST",
            subscription.url,
            content=body,
            headers=headers,
            timeout=settings.webhook_timeout_seconds,
        ) as response:
            return Answer(
                status=response.status_code, retry_after=response.headers.get("retry-after")
            )
    except httpx.HTTPError as exc:
        return Answer(error=f"{type(exc).__name__}: {exc}"[:ERROR_CHARS] or type(exc).__name__)


def _record(
    delivery: Delivery,
    subscription: Subscription,
    answer: Answer,
    *,
    settings: Settings,
    now: datetime,
    draw: Callable[[], float],
) -> str | None:
    """Applies the answer to the delivery; returns why the endpoint must be disabled,
    if it must."""
    delivery.attempts += 1
    delivery.last_attempt_at = now
    delivery.last_status = answer.status
    outcome = rules.outcome_of(answer.status)
    if outcome is rules.Outcome.delivered:
        delivery.status = "delivered"
        delivery.delivered_at = now
        delivery.next_attempt_at = None
        delivery.last_error = None
        return None
    delivery.last_error = answer.error or f"HTTP {answer.status}"
    if outcome is rules.Outcome.gone:
        delivery.status = "failed"
        delivery.next_attempt_at = None
        return "gone: the receiver answered 410"
    following = rules.next_attempt(
        attempts=delivery.attempts,
        schedule=settings.webhook_retry_seconds,
        jitter=settings.webhook_jitter,
        draw=draw(),
        now=now,
        retry_after=rules.retry_after_seconds(answer.retry_after, now),
        max_retry_after=settings.webhook_max_retry_after_seconds,
    )
    delivery.next_attempt_at = following
    if following is None:
        delivery.status = "failed"  # the dead letters: listed, replayable
    since = subscription.failing_since or now
    if rules.failing_too_long(since, now, settings.webhook_disable_after_days):
        return f"failing: no success for {settings.webhook_disable_after_days:g} days"
    return None


async def deliver_due(
    *,
    session: AsyncSession,
    client: httpx.AsyncClient,
    cipher: FieldCipher,
    settings: Settings,
    now: datetime,
    draw: Callable[[], float] = random.random,
) -> int:
    """Sends up to `webhook_batch` due deliveries of active subscriptions, at once, and
    records each answer. Returns how many were attempted."""
    claimed = (
        await session.execute(
            select(Delivery, Subscription)
            .join(Subscription, col(Subscription.id) == col(Delivery.subscription_id))
            .where(
                Delivery.status == "pending",
                col(Delivery.next_attempt_at) <= now,
                Subscription.status == "active",
            )
            .order_by(col(Delivery.next_attempt_at))
            .limit(settings.webhook_batch)
            .with_for_update(of=Delivery, skip_locked=True)
        )
    ).all()
    if not claimed:
        return 0
    keys = {s.id: signing_keys(s, cipher, now) for _, s in claimed}
    answers = await asyncio.gather(
        *(_post(client, d, s, keys=keys[s.id], settings=settings, now=now) for d, s in claimed)
    )
    succeeded: set[uuid.UUID] = set()
    failed: dict[uuid.UUID, str | None] = {}
    for (delivery, subscription), answer in zip(claimed, answers, strict=True):
        reason = _record(delivery, subscription, answer, settings=settings, now=now, draw=draw)
        if delivery.status == "delivered":
            succeeded.add(subscription.id)
        elif failed.get(subscription.id) is None:
            failed[subscription.id] = reason
    await session.flush()
    # The endpoints' state, in one order on every replica (no deadlock between them).
    for subscription_id in sorted(succeeded | set(failed), key=str):
        await _endpoint(
            session,
            subscription_id,
            succeeded=subscription_id in succeeded,
            disable=failed.get(subscription_id),
            now=now,
        )
    return len(claimed)


async def _endpoint(
    session: AsyncSession,
    subscription_id: uuid.UUID,
    *,
    succeeded: bool,
    disable: str | None,
    now: datetime,
) -> None:
    """A success clears the endpoint's clock of failure; a failure starts it (if not
    running); a 410 or too long a failure disables it (its version moves on)."""
    table = Subscription.__table__  # type: ignore[attr-defined]
    statement = update(table).where(table.c.id == subscription_id)
    if succeeded:
        await session.execute(statement.values(failing_since=None))
        return
    values: dict[str, object] = {"failing_since": func.coalesce(table.c.failing_since, now)}
    if disable is not None:
        values |= {
            "status": "disabled",
            "disabled_reason": disable,
            "disabled_at": now,
            "version": table.c.version + 1,
        }
        statement = statement.where(table.c.status == "active")
    await session.execute(statement.values(**values))
