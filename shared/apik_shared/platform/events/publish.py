"""`publish(session, event)`: an event into the session's outbox, in its transaction.

The event's class says who publishes it and its type (`Event.producer`,
`Event.event_type`); the session says which outbox: the app's event bus binds every
session of its database to the service's outbox (`bind_outbox`), so no module holds an
outbox of its own and the relay that sends an event is that of the app that committed.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from apik_shared.platform.events.envelope import CloudEvent
from apik_shared.platform.events.outbox import Committed, Outbox, Outgoing
from apik_shared.platform.events.payloads.base import Event

_OUTBOX = "apik.outbox"


def bind_outbox(sessions: async_sessionmaker[AsyncSession], outbox: Outbox) -> None:
    """Every session `sessions` opens from now on publishes into `outbox`."""
    sessions.configure(info={_OUTBOX: outbox})


def outbox_of(session: AsyncSession, event: type[Event]) -> Outbox:
    outbox: Outbox | None = session.info.get(_OUTBOX)
    if outbox is None:
        raise RuntimeError(
            "this session has no outbox: open it from the app's database (bind_outbox)"
        )
    if outbox.service != event.producer:
        raise RuntimeError(f"{outbox.service} cannot publish {event.producer}'s {event.__name__}")
    return outbox


async def publish(session: AsyncSession, event: Event, *, subject: str | None = None) -> CloudEvent:
    """Adds `event` to the outbox in the session's transaction; `subject` is the
    aggregate's id (the consumers' ordering lane)."""
    outbox = outbox_of(session, type(event))
    return await outbox.add(session, event.event_type, event, subject=subject)


async def publish_many(session: AsyncSession, items: Sequence[Outgoing]) -> list[Committed]:
    """Events of one class in one statement (a batch of handoffs opens a batch of cases)."""
    if not items:
        return []
    kinds = {type(item.data) for item in items}
    if len(kinds) != 1 or not issubclass(kind := kinds.pop(), Event):
        raise TypeError("publish_many takes events of one Event class")
    return await outbox_of(session, kind).add_many(session, kind.event_type, items)
