"""Transactional outbox: an event is a row committed with the business rows.

`Outbox.add()` inserts the envelope in the caller's transaction; the relay
(`apik_shared.events.relay`) publishes it later. The outbox also wakes the relay of
this process right after a commit that added events, so a handoff does not wait for
the next poll.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from sqlalchemy import event as sa_event
from sqlalchemy import insert, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from apik_shared.events.envelope import CloudEvent, source_of, subject_for
from apik_shared.logs import traceparent_var
from apik_shared.tables import outbox

_HOOKS = "apik_after_commit"

# Many rows in one statement whose plan does not depend on how many (see `add_many`).
_ADD_MANY = text(
    "INSERT INTO outbox (id, subject, payload, created_at) SELECT * FROM unnest("
    "CAST(:ids AS uuid[]), CAST(:subjects AS text[]), CAST(:payloads AS bytea[]), "
    "CAST(:times AS timestamptz[]))"
)


@dataclass(frozen=True)
class Outgoing:
    """One event of `Outbox.add_many`."""

    data: BaseModel | dict[str, Any]
    subject: str | None = None
    traceparent: str | None = None  # the trace it continues; None: the current work's


class Outbox:
    def __init__(self, service: str) -> None:
        self.service = service
        self._listeners: list[Callable[[], None]] = []

    def on_commit(self, listener: Callable[[], None]) -> None:
        self._listeners.append(listener)

    def _notify(self) -> None:
        for listener in self._listeners:
            listener()

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
            traceparent=traceparent_var.get() or None,
            data=payload,
        )
        await session.execute(
            insert(outbox).values(
                id=event.id,
                subject=subject_for(self.service, event_type),
                payload=event.to_json(),
                created_at=event.time,
            )
        )
        session.sync_session.info.setdefault(_HOOKS, set()).add(self._notify)
        return event

    async def add_many(
        self, session: AsyncSession, event_type: str, items: Sequence[Outgoing]
    ) -> list[CloudEvent]:
        """Events of one type in one statement: a consumer applying a batch of events
        would otherwise pay a round trip per event it emits."""
        if not items:
            return []
        current = traceparent_var.get() or None
        events = [
            CloudEvent(
                source=source_of(self.service),
                type=event_type,
                subject=item.subject,
                traceparent=item.traceparent or current,
                data=(
                    item.data.model_dump(mode="json")
                    if isinstance(item.data, BaseModel)
                    else item.data
                ),
            )
            for item in items
        ]
        subject = subject_for(self.service, event_type)
        await session.execute(
            _ADD_MANY,
            {
                "ids": [e.id for e in events],
                "subjects": [subject] * len(events),
                "payloads": [e.to_json() for e in events],
                "times": [e.time for e in events],
            },
        )
        session.sync_session.info.setdefault(_HOOKS, set()).add(self._notify)
        return events


@sa_event.listens_for(Session, "after_commit")
def _run_after_commit_hooks(session: Session) -> None:
    for hook in session.info.pop(_HOOKS, ()):
        hook()


@sa_event.listens_for(Session, "after_rollback")
def _forget_hooks(session: Session) -> None:
    session.info.pop(_HOOKS, None)
