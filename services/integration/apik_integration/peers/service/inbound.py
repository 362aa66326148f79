"""Signals in (verified like a portal's webhook: the pair's secret, ±tolerance, each
`webhook-id` once) and the office's shared cases: its reports whose fingerprint a
peer's signal carried too."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError
from sqlalchemy import ColumnElement, and_, or_
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_integration.models import PeerReceived, SharedCaseLocal, SharedCaseRemote
from apik_integration.peers import rules
from apik_integration.peers.schemas import SignalIn
from apik_integration.portals.service import (
    WebhookForged,
    WebhookHeadersMissing,
    WebhookReplayed,
    WebhookStale,
)
from apik_integration.settings import PeerSettings
from apik_integration.webhooks import rules as webhooks
from apik_shared.platform.auth import Principal
from apik_shared.platform.problems import InvalidInput, NotFound, Problem, validation_problem

_PROBLEMS: dict[webhooks.Refusal, type[Problem]] = {
    webhooks.Refusal.missing: WebhookHeadersMissing,
    webhooks.Refusal.stale: WebhookStale,
    webhooks.Refusal.forged: WebhookForged,
}


def peer_of(peers: Mapping[str, PeerSettings], name: str) -> PeerSettings:
    """The configured peer; an unknown one is a 404."""
    peer = peers.get(name)
    if peer is None:
        raise NotFound(f"No peer {name!r} is configured.")
    return peer


def _parse(body: bytes) -> SignalIn:
    try:
        value = json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise InvalidInput.field("#/body", "The body is not JSON.", code="json_invalid") from exc
    try:
        return SignalIn.model_validate(value)
    except ValidationError as exc:
        errors = [{**e, "loc": ("body", *e["loc"])} for e in exc.errors()]
        raise validation_problem(RequestValidationError(errors)) from exc


@dataclass(frozen=True)
class Received:
    webhook_id: str
    registration_number: str
    effect: str  # recorded | updated | older


async def receive_signal(
    *,
    session: AsyncSession,
    name: str,
    peer: PeerSettings,
    headers: Mapping[str, str],
    body: bytes,
    tolerance_seconds: int,
    now: datetime,
) -> Received:
    """Verifies one signal and records the peer's report (its status only ever moves
    forward in time). A forged, stale, replayed or malformed one changes nothing."""
    try:
        verified = webhooks.verify(
            [webhooks.decode_secret(peer.secret)],
            headers=headers,
            body=body,
            now=now,
            tolerance_seconds=tolerance_seconds,
        )
    except webhooks.VerificationFailed as exc:
        raise _PROBLEMS[exc.reason](exc.detail) from exc
    signal = _parse(body)
    first = await session.execute(
        pg_insert(PeerReceived)
        .values(peer=name, webhook_id=verified.msg_id, received_at=now)
        .on_conflict_do_nothing()
        .returning(col(PeerReceived.webhook_id))
    )
    if first.first() is None:
        raise WebhookReplayed(f"webhook-id {verified.msg_id!r} was already accepted.")
    key = (name, signal.registration_number)
    held = await session.get(SharedCaseRemote, key, with_for_update=True)
    if held is None:
        session.add(
            SharedCaseRemote(
                peer=name,
                registration_number=signal.registration_number,
                fingerprint=signal.fingerprint,
                letter_fingerprint=signal.letter_fingerprint,
                status=signal.status,
                status_at=signal.status_at,
                received_at=now,
            )
        )
        effect = "recorded"
    elif rules.newer(signal.status_at, held.status_at):
        held.status, held.status_at, held.received_at = signal.status, signal.status_at, now
        held.letter_fingerprint = signal.letter_fingerprint or held.letter_fingerprint
        effect = "updated"
    else:
        effect = "older"
    await session.flush()
    return Received(verified.msg_id, signal.registration_number, effect)


def _same_letter() -> ColumnElement[bool]:
    """Both sides hold the letter's number: it decides alone. Otherwise the content."""
    ours, theirs = col(SharedCaseLocal.letter_fingerprint), col(SharedCaseRemote.letter_fingerprint)
    return or_(
        and_(ours.is_not(None), theirs.is_not(None), ours == theirs),
        and_(
            or_(ours.is_(None), theirs.is_(None)),
            col(SharedCaseRemote.fingerprint) == col(SharedCaseLocal.fingerprint),
        ),
    )


async def list_shared_cases(
    *, session: AsyncSession, actor: Principal, limit: int
) -> list[tuple[SharedCaseLocal, SharedCaseRemote]]:
    """The office's reports a peer holds too, the latest status change first."""
    query = (
        select(SharedCaseLocal, SharedCaseRemote)
        .join(
            SharedCaseRemote,
            and_(
                col(SharedCaseRemote.peer) == col(SharedCaseLocal.peer),
                _same_letter(),
            ),
        )
        .where(SharedCaseLocal.office == actor.office)
        .order_by(
            col(SharedCaseLocal.status_at).desc(),
            col(SharedCaseLocal.registration_number),
            col(SharedCaseRemote.registration_number),
        )
        .limit(limit)
    )
    return [(local, remote) for local, remote in (await session.execute(query)).all()]
