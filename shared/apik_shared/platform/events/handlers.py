"""Consumers that register their handlers by event class.

    consumer("examination-handoff", On(ReportVerified, open_one, open_many), batch=256)

builds the `ConsumerSpec`: the subjects come from the classes, each message's data is
parsed into its class before the handler sees it (in the same pass as its envelope),
and a batch is handed to the `many` handler in runs of one class, in stream order.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, cast

from sqlalchemy.ext.asyncio import AsyncSession

from apik_shared.platform.events.consumer import ConsumerSpec
from apik_shared.platform.events.envelope import CloudEvent, InvalidEnvelope, typed_event
from apik_shared.platform.events.payloads.base import Event

E = TypeVar("E", bound=Event)
# (session, the parsed event, its envelope): the envelope gives the id, time, trace.
One = Callable[[AsyncSession, E, CloudEvent], Awaitable[None]]
Many = Callable[[AsyncSession, Sequence[tuple[E, CloudEvent]]], Awaitable[None]]


@dataclass(frozen=True)
class On(Generic[E]):
    event: type[E]
    one: One[E]
    many: Many[E] | None = None  # the same effect for many at once (bulk statements)


def _key(producer: str, event_type: str) -> tuple[str, str]:
    return producer, event_type


def filter_subjects(events: Sequence[type[Event]]) -> list[str]:
    """The subjects to consume `events` by: exactly one per class, so the server
    delivers nothing the handlers do not take (several subjects per consumer need NATS
    2.10, `server_version`). A wildcard for an aggregate's types would also bring its
    other types, each fetched and acked for nothing."""
    return sorted({e.stream_subject() for e in events})


def consumer(durable: str, *handlers: On[Any], **options: Any) -> ConsumerSpec:
    """A durable consumer of the handlers' event classes, filtering exactly their
    subjects; `options` are `ConsumerSpec`'s."""
    by_type = {_key(h.event.producer, h.event.event_type): h for h in handlers}
    if len(by_type) != len(handlers):
        raise ValueError("one handler per event class")

    by_subject = {h.event.stream_subject(): (h, typed_event(h.event)) for h in handlers}

    def route(envelope: CloudEvent) -> On[Any] | None:
        return by_type.get(_key(envelope.producer, envelope.type))

    def decode(subject: str, raw: bytes) -> CloudEvent:
        """The envelope with its payload, validated from the JSON in one pass. When that
        fails, or the envelope names another type than its subject, the envelope alone:
        its handler then meets the invalid payload, retried and dead-lettered as before."""
        if subject in by_subject:
            handler, typed = by_subject[subject]
            try:
                envelope = typed.from_json(raw)
            except InvalidEnvelope:
                pass
            else:
                if route(envelope) is handler:
                    return envelope
        return CloudEvent.from_json(raw)

    async def one(session: AsyncSession, envelope: CloudEvent) -> None:
        handler = route(envelope)
        if handler is not None:
            await handler.one(session, _payload(handler, envelope), envelope)

    async def many(session: AsyncSession, envelopes: Sequence[CloudEvent]) -> None:
        run: list[tuple[Event, CloudEvent]] = []
        current: On[Any] | None = None
        for envelope in envelopes:
            handler = route(envelope)
            if handler is None:
                continue
            if handler is not current and run:
                await _apply(session, current, run)
                run = []
            current = handler
            run.append((_payload(handler, envelope), envelope))
        if run:
            await _apply(session, current, run)

    batched = any(h.many is not None for h in handlers)
    # The filter is exact; this also acks unread what an older, wider filter delivered
    # before the consumer was narrowed to it (the server redelivers that too).
    options.setdefault("only_subjects", frozenset(h.event.stream_subject() for h in handlers))
    return ConsumerSpec(
        durable=durable,
        subjects=filter_subjects([h.event for h in handlers]),
        handler=one,
        batch_handler=many if batched else None,
        decode=decode,
        **options,
    )


def _payload(handler: On[Any], envelope: CloudEvent) -> Event:
    """The envelope's data as the handler's class (read already by `decode`, or now)."""
    data = envelope.data
    if type(data) is handler.event:
        return cast(Event, data)
    return handler.event.model_validate(data)


async def _apply(
    session: AsyncSession, handler: On[Any] | None, run: Sequence[tuple[Event, CloudEvent]]
) -> None:
    assert handler is not None
    if handler.many is not None:
        await handler.many(session, run)
    else:
        for event, envelope in run:
            await handler.one(session, event, envelope)
