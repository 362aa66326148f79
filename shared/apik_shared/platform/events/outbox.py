"""Transactional outbox: an event is a row committed with the business rows.

`Outbox.add()` inserts the envelope in the caller's transaction. Right after that
transaction commits, the outbox hands the committed events to the relay of this process
(`apik_shared.platform.events.relay`), which publishes them at once; the relay's poll of the table
is the safety net for whatever that misses (a crash, NATS away, another replica).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel
from pydantic_core import to_json
from sqlalchemy import Insert, insert, text
from sqlalchemy import event as sa_event
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from apik_shared.platform.events.envelope import (
    SPEC_VERSION,
    CloudEvent,
    dataschema_for,
    source_of,
    subject_for,
)
from apik_shared.platform.logs import traceparent_var
from apik_shared.platform.settings import DEFAULT_PUBLIC_URL
from apik_shared.platform.tables import outbox

_HOOKS = "apik_after_commit"

# Many rows in one statement whose plan does not depend on how many (see `add_many`).
_ADD_MANY = text(
    "INSERT INTO outbox (id, subject, payload, created_at) SELECT * FROM unnest("
    "CAST(:ids AS uuid[]), CAST(:subjects AS text[]), CAST(:payloads AS bytea[]), "
    "CAST(:times AS timestamptz[]))"
)


@dataclass(frozen=True, slots=True)
class Committed:
    """An outbox row as the relay publishes it."""

    id: str
    subject: str
    payload: bytes


@dataclass(frozen=True)
class Outgoing:
    """One event of `Outbox.add_many`."""

    data: BaseModel | dict[str, Any]
    subject: str | None = None
    traceparent: str | None = None  # the trace it continues; None: the current work's


class Outbox:
    def __init__(self, service: str, *, public_url: str = DEFAULT_PUBLIC_URL) -> None:
        self.service = service
        # The base of each event's `dataschema` (the settings' APIK_PUBLIC_URL).
        self.public_url = public_url
        self._listeners: list[Callable[[Sequence[Committed]], None]] = []

    def on_commit(self, listener: Callable[[Sequence[Committed]], None]) -> None:
        """`listener` gets the events of each commit that added some (possibly none of
        them: see `_remember`)."""
        self._listeners.append(listener)

    def _notify(self, rows: Sequence[Committed]) -> None:
        for listener in self._listeners:
            listener(rows)

    def _remember(self, session: AsyncSession, rows: Sequence[Committed]) -> None:
        hooks: dict[Callable[[Sequence[Committed]], None], list[Committed]]
        hooks = session.sync_session.info.setdefault(_HOOKS, {})
        remembered = hooks.setdefault(self._notify, [])
        # A savepoint may still roll back without the transaction doing so, and nothing
        # tells the commit hook which rows went with it: events added inside one are
        # left to the relay's poll, which only ever sees committed rows.
        if not session.in_nested_transaction():
            remembered.extend(rows)

    async def add(
        self,
        session: AsyncSession,
        event_type: str,
        data: BaseModel | dict[str, Any],
        *,
        subject: str | None = None,
    ) -> CloudEvent:
        payload = data.model_dump(mode="json") if isinstance(data, BaseModel) else data
        event = CloudEvent(
            source=source_of(self.service),
            type=event_type,
            subject=subject,
            dataschema=dataschema_for(self.public_url, event_type),
            traceparent=traceparent_var.get() or None,
            data=payload,
        )
        row = Committed(event.id, subject_for(self.service, event_type), event.to_json())
        await session.execute(row_insert(row, at=event.time))
        self._remember(session, [row])
        return event

    async def add_many(
        self, session: AsyncSession, event_type: str, items: Sequence[Outgoing]
    ) -> list[Committed]:
        """Events of one type in one statement: a consumer applying a batch of events
        would otherwise pay a round trip per event it emits. Returns the rows as the
        relay publishes them."""
        if not items:
            return []
        current = traceparent_var.get() or None
        source, now = source_of(self.service), datetime.now(UTC)
        dataschema = dataschema_for(self.public_url, event_type)
        subject = subject_for(self.service, event_type)
        # The envelope's JSON is written straight from its fields, as `CloudEvent.to_json`
        # writes it (`_envelope`): building a CloudEvent per event, even unvalidated, cost
        # several times the serialisation (a tenth of examination's CPU opening a backlog
        # of cases). The id and time are ours and the data is JSON already.
        rows = [
            Committed(
                event_id := str(uuid.uuid4()),
                subject,
                _envelope(
                    id=event_id,
                    source=source,
                    type=event_type,
                    subject=item.subject,
                    time=now,
                    dataschema=dataschema,
                    traceparent=item.traceparent or current,
                    data=(
                        item.data.model_dump(mode="json")
                        if isinstance(item.data, BaseModel)
                        else item.data
                    ),
                ),
            )
            for item in items
        ]
        await session.execute(
            _ADD_MANY,
            {
                "ids": [row.id for row in rows],
                "subjects": [subject] * len(rows),
                "payloads": [row.payload for row in rows],
                "times": [now] * len(rows),
            },
        )
        self._remember(session, rows)
        return rows

    def envelope(
        self, event_type: str, data: BaseModel, *, subject: str | None = None
    ) -> tuple[CloudEvent, Committed]:
        """An event and its outbox row, not written: for a hot path that writes the row
        in a statement of its own (`row_insert`, or the same columns: `created_at` is the
        event's time), then calls `written` so the relay publishes it at the commit."""
        event = CloudEvent(
            source=source_of(self.service),
            type=event_type,
            subject=subject,
            dataschema=dataschema_for(self.public_url, event_type),
            traceparent=traceparent_var.get() or None,
            data=data.model_dump(mode="json"),
        )
        return event, Committed(event.id, subject_for(self.service, event_type), event.to_json())

    def written(self, session: AsyncSession, rows: Sequence[Committed]) -> None:
        """`rows` were written in the session's transaction by its caller (`envelope`)."""
        self._remember(session, rows)


def row_insert(row: Committed, *, at: datetime) -> Insert:
    """The INSERT of one outbox row (`at`: its event's time): `add` sends it, and a step
    carries it as a CTE of its own statement (then `written`)."""
    return insert(outbox).values(id=row.id, subject=row.subject, payload=row.payload, created_at=at)


def _envelope(**fields: Any) -> bytes:
    """`CloudEvent(**fields).to_json()` without the model: its fields in its order, its
    constants, None left out (`tests/shared/test_typed_events.py` holds them equal)."""
    envelope = {
        "specversion": SPEC_VERSION,
        "id": fields["id"],
        "source": fields["source"],
        "type": fields["type"],
        "subject": fields["subject"],
        "time": fields["time"],
        "datacontenttype": "application/json",
        "dataschema": fields["dataschema"],
        "traceparent": fields["traceparent"],
        "data": fields["data"],
    }
    return to_json({name: value for name, value in envelope.items() if value is not None})


@sa_event.listens_for(Session, "after_commit")
def _run_after_commit_hooks(session: Session) -> None:
    for hook, rows in session.info.pop(_HOOKS, {}).items():
        hook(rows)


@sa_event.listens_for(Session, "after_rollback")
def _forget_hooks(session: Session) -> None:
    session.info.pop(_HOOKS, None)
