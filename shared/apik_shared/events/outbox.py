"""Transactional outbox: an event is a row committed with the business rows.

`Outbox.add()` inserts the envelope in the caller's transaction; the relay
(`apik_shared.events.relay`) publishes it later. The outbox also wakes the relay of
this process right after a commit that added events, so a handoff does not wait for
the next poll.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel
from sqlalchemy import event as sa_event
from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from apik_shared.events.envelope import CloudEvent, source_of, subject_for
from apik_shared.logs import traceparent_var
from apik_shared.tables import outbox

_HOOKS = "apik_after_commit"


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


@sa_event.listens_for(Session, "after_commit")
def _run_after_commit_hooks(session: Session) -> None:
    for hook in session.info.pop(_HOOKS, ()):
        hook()


@sa_event.listens_for(Session, "after_rollback")
def _forget_hooks(session: Session) -> None:
    session.info.pop(_HOOKS, None)
