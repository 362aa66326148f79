"""Signals out: the consumer turns our reports' events into one `peer_signal` row per
peer (a redelivered event adds nothing), and the send job posts the due ones, signed
with the pair's secret (Standard Webhooks), retried on the webhooks' schedule while the
peer is away. The event's id is the `webhook-id`: a signal sent again after a crash
(sent, not yet recorded) is refused by the peer as a replay, and counted delivered.

The rows are claimed `FOR UPDATE SKIP LOCKED` and the lock is held while the request is
out (at most the timeout): two replicas never send one signal at once.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime

import httpx
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_integration.models import PeerSignal, SharedCaseLocal
from apik_integration.peers import rules
from apik_integration.settings import PeerSettings
from apik_integration.webhooks import rules as webhooks
from apik_shared.platform.events.envelope import CloudEvent

ERROR_CHARS = 500
SIGNALS_PATH = "/api/v1/integration/peers/{name}/signals"


def _event_date(value: object) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


async def enqueue_signals(
    session: AsyncSession, event: CloudEvent, *, peers: Mapping[str, PeerSettings]
) -> int:
    """The signals an event makes, one per peer of the report's office. A report is
    known to a peer from its verification on (the first event naming its agency and
    summary); a later status of a report never verified is not signalled."""
    status = rules.STATUS_OF_EVENT.get(event.type)
    office = event.data.get("office")
    number = event.data.get("registration_number")
    if status is None or not isinstance(office, str) or not isinstance(number, str):
        return 0
    made = 0
    for name, peer in peers.items():
        if peer.office != office:
            continue
        current = await session.get(SharedCaseLocal, (name, number), with_for_update=True)
        if current is None:
            if event.type != rules.VERIFIED:
                continue
            found = rules.fingerprint(
                rules.fingerprint_key(peer.secret),
                agency=str(event.data.get("reported_agency") or ""),
                event_date=_event_date(event.data.get("event_date")),
                summary=str(event.data.get("summary") or ""),
            )
            if found is None:
                continue
            letter = rules.letter_fingerprint(
                rules.fingerprint_key(peer.secret), _text(event.data.get("letter_number"))
            )
            current = SharedCaseLocal(
                peer=name,
                registration_number=number,
                office=office,
                fingerprint=found,
                letter_fingerprint=letter,
                status=status,
                status_at=event.time,
            )
            session.add(current)
        elif rules.newer(event.time, current.status_at):
            current.status, current.status_at = status, event.time
        else:
            continue  # an older event, redelivered late: the peer has newer already
        body = rules.signal_body(
            fingerprint=current.fingerprint,
            registration_number=number,
            status=status,
            at=event.time,
            letter_fingerprint=current.letter_fingerprint,
        )
        inserted = await session.execute(
            pg_insert(PeerSignal)
            .values(
                peer=name,
                event_id=event.id,
                body=body,
                status="pending",
                attempts=0,
                # Due now: an event's time is its producer's clock, not ours.
                next_attempt_at=datetime.now(UTC),
                created_at=event.time,
            )
            .on_conflict_do_nothing(index_elements=["peer", "event_id"])
            .returning(col(PeerSignal.id))
        )
        made += len(inserted.all())
    await session.flush()
    return made


@dataclass(frozen=True)
class SendTimes:
    schedule: list[float]
    jitter: float
    timeout: float
    batch: int


async def _post(
    client: httpx.AsyncClient, signal: PeerSignal, peer: PeerSettings, name: str, now: datetime
) -> tuple[int | None, str | None]:
    body = signal.body.encode()
    headers = webhooks.webhook_headers(
        [webhooks.decode_secret(peer.secret)],
        msg_id=signal.event_id,
        timestamp=int(now.timestamp()),
        body=body,
    )
    url = peer.url.rstrip("/") + SIGNALS_PATH.format(name=peer.name_there or name)
    try:
        response = await client.post(url, content=body, headers=headers)
    except httpx.HTTPError as exc:
        return None, f"{type(exc).__name__}: {exc}"[:ERROR_CHARS]
    return response.status_code, None


def _delivered(status: int | None) -> bool:
    # 409 is the peer refusing a webhook-id it already accepted: ours, sent before a
    # crash kept us from recording it. It arrived.
    return status == 409 or webhooks.outcome_of(status) is webhooks.Outcome.delivered


async def send_due(
    *,
    session: AsyncSession,
    client: httpx.AsyncClient,
    peers: Mapping[str, PeerSettings],
    times: SendTimes,
    now: datetime,
    draw: Callable[[], float] = random.random,
) -> int:
    """Posts up to `times.batch` due signals of configured peers and records each
    answer. Returns how many were attempted."""
    claimed = list(
        (
            await session.execute(
                select(PeerSignal)
                .where(
                    PeerSignal.status == "pending",
                    col(PeerSignal.next_attempt_at) <= now,
                    col(PeerSignal.peer).in_(list(peers)),
                )
                .order_by(col(PeerSignal.next_attempt_at), col(PeerSignal.created_at))
                .limit(times.batch)
                .with_for_update(skip_locked=True)
            )
        ).scalars()
    )
    if not claimed:
        return 0
    answers = await asyncio.gather(*(_post(client, s, peers[s.peer], s.peer, now) for s in claimed))
    for signal, (status, error) in zip(claimed, answers, strict=True):
        signal.attempts += 1
        signal.last_status = status
        if _delivered(status):
            signal.status, signal.delivered_at = "delivered", now
            signal.next_attempt_at, signal.last_error = None, None
            continue
        signal.last_error = error or f"HTTP {status}"
        following = webhooks.next_attempt(
            attempts=signal.attempts,
            schedule=times.schedule,
            jitter=times.jitter,
            draw=draw(),
            now=now,
        )
        signal.next_attempt_at = following
        if following is None:
            signal.status = "failed"
    await session.flush()
    return len(claimed)
