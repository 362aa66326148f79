"""Typed events: the class says who publishes it and its type; consumers register their
handlers by class. Publishing through real PostgreSQL; dispatch is pure logic."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from datetime import UTC, datetime
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from apik_shared.platform.db import Database
from apik_shared.platform.events.bus import EventBus
from apik_shared.platform.events.envelope import CloudEvent, source_of
from apik_shared.platform.events.handlers import On, consumer
from apik_shared.platform.events.outbox import Outbox, Outgoing
from apik_shared.platform.events.payloads import (
    EVENT_TYPES,
    CaseSurveyed,
    ReportRef,
    VisitCompleted,
    VisitEnded,
)
from apik_shared.platform.events.payloads.base import Event
from apik_shared.platform.events.publish import bind_outbox, publish, publish_many
from apik_shared.platform.tables import outbox as outbox_table
from apik_testing.databases import platform_database
from apik_testing.infra import TestInfra

# A session bound to no database: the handlers under test never query.
UNBOUND = AsyncSession()


def report(number: str = "1") -> ReportRef:
    return ReportRef(
        report_id=number, registration_number=number, office="X", kind="LM", channel="web"
    )


def visit_ended(visit: str) -> VisitEnded:
    now = datetime.now(UTC)
    return VisitEnded(
        visit_id=visit,
        office="X",
        category="consultation",
        requested_category="consultation",
        officer="desk",
        duration_seconds=60,
        checked_in_at=now,
        ended_at=now,
    )


def visit_completed(visit: str) -> VisitCompleted:
    ended = visit_ended(visit)
    return VisitCompleted(**ended.model_dump(), rating=4, completed_at=ended.ended_at)


def test_every_event_class_names_its_producer_and_type() -> None:
    for event_type, cls in EVENT_TYPES.items():
        assert issubclass(cls, Event)
        assert cls.event_type == event_type
        assert cls.stream_subject() == f"apik.{cls.producer}.{event_type}"
    # A part of events (a base, a nested record) is not an event of its own.
    assert not hasattr(ReportRef, "event_type")


@pytest.fixture(scope="module")
async def database(infra: TestInfra) -> AsyncIterator[Database]:
    async with platform_database(infra, "typed_events") as db:
        bind_outbox(db.sessions, Outbox("consultation"))
        yield db


async def subjects(database: Database) -> list[str]:
    async with database.sessions() as session:
        rows = await session.execute(sa.select(outbox_table.c.subject))
        return sorted(rows.scalars())


async def test_publish_puts_the_event_in_the_sessions_outbox(database: Database) -> None:
    async with database.sessions() as session, session.begin():
        event = await publish(session, visit_ended("v1"), subject="v1")
        await publish_many(
            session, [Outgoing(visit_ended("v2"), subject="v2"), Outgoing(visit_ended("v3"))]
        )
    assert event.type == "visit.ended" and event.source == source_of("consultation")
    assert (await subjects(database)).count("apik.consultation.visit.ended") == 3


async def test_events_added_together_are_the_envelopes_one_at_a_time_would_be(
    database: Database,
) -> None:
    """`add_many` writes the envelope's JSON without the model: byte for byte what the
    model writes, so consumers read the same events either way."""
    async with database.sessions() as session, session.begin():
        rows = await publish_many(
            session,
            [
                Outgoing(visit_ended("v4"), subject="v4", traceparent="00-" + "a" * 32 + "-b"),
                Outgoing(visit_ended("v5")),  # no subject: left out, as None is
            ],
        )
    async with database.sessions() as session:
        stored = dict(
            (await session.execute(sa.select(outbox_table.c.id, outbox_table.c.payload))).all()
        )
    for row in rows:
        assert bytes(stored[row.id]) == row.payload
        event = CloudEvent.from_json(row.payload)
        assert event.to_json() == row.payload
        assert event.id == row.id and row.subject == VisitEnded.stream_subject()
        assert VisitEnded.model_validate(event.data).visit_id in {"v4", "v5"}
    first, second = (CloudEvent.from_json(row.payload) for row in rows)
    assert first.subject == "v4" and first.traceparent and second.subject is None


async def test_a_service_cannot_publish_another_services_event(database: Database) -> None:
    before = await subjects(database)
    async with database.sessions() as session:
        with pytest.raises(RuntimeError, match="cannot publish"):
            async with session.begin():
                # Unvalidated and empty: publish refuses the producer before reading a field.
                await publish(session, CaseSurveyed.model_construct())  # type: ignore[call-arg]
    assert await subjects(database) == before


async def test_a_session_without_an_outbox_cannot_publish(infra: TestInfra) -> None:
    async with platform_database(infra, "typed_events_unbound") as db, db.sessions() as session:
        with pytest.raises(RuntimeError, match="no outbox"):
            await publish(session, visit_ended("v"))


def test_every_bus_brings_its_own_outbox_with_one_listener(database: Database) -> None:
    # An app started twice in one process (tests, reloads) used to add a listener to a
    # module's outbox each time; now each bus has its own, bound to its sessions.
    first = EventBus(nats_url="nats://unused", service="consultation", sessions=database.sessions)
    second = EventBus(nats_url="nats://unused", service="consultation", sessions=database.sessions)
    assert first.outbox is not second.outbox
    assert len(first.outbox._listeners) == len(second.outbox._listeners) == 1
    assert database.sessions().info["apik.outbox"] is second.outbox


def envelope(event: Event, producer: str) -> CloudEvent:
    return CloudEvent(
        source=source_of(producer), type=event.event_type, data=event.model_dump(mode="json")
    )


async def test_a_consumer_dispatches_by_class_in_runs_of_one_class() -> None:
    seen: list[Any] = []

    async def one_ended(session: Any, event: VisitEnded, envelope: CloudEvent) -> None:
        seen.append(("one", type(event).__name__, event.visit_id, envelope.type))

    async def many_ended(session: Any, run: Sequence[tuple[VisitEnded, CloudEvent]]) -> None:
        seen.append(("many", [e.visit_id for e, _ in run]))

    async def one_completed(session: Any, event: VisitCompleted, envelope: CloudEvent) -> None:
        seen.append(("one", type(event).__name__, event.rating))

    spec = consumer(
        "test", On(VisitEnded, one_ended, many_ended), On(VisitCompleted, one_completed), batch=8
    )
    # Exactly the handlers' subjects, even for one aggregate's types: a wildcard would
    # also bring the aggregate's other types, fetched and acked for nothing.
    assert spec.subjects == ["apik.consultation.visit.completed", "apik.consultation.visit.ended"]
    # (Another type, delivered under an older, wider filter, is acked unread.)
    assert spec.only_subjects == {VisitEnded.stream_subject(), VisitCompleted.stream_subject()}
    assert spec.batch == 8 and spec.batch_handler is not None
    a, b, c = (envelope(visit_ended(v), "consultation") for v in "abc")
    rated = envelope(visit_completed("d"), "consultation")

    await spec.handler(UNBOUND, a)
    await spec.handler(UNBOUND, rated)
    assert seen == [("one", "VisitEnded", "a", "visit.ended"), ("one", "VisitCompleted", 4)]
    seen.clear()
    await spec.batch_handler(UNBOUND, [a, b, rated, c])
    assert seen == [("many", ["a", "b"]), ("one", "VisitCompleted", 4), ("many", ["c"])]


async def test_a_type_no_handler_takes_is_left_alone() -> None:
    seen: list[str] = []

    async def one_ended(session: Any, event: VisitEnded, envelope: CloudEvent) -> None:
        seen.append(event.visit_id)

    spec = consumer("test", On(VisitEnded, one_ended))
    assert spec.subjects == ["apik.consultation.visit.ended"]
    assert spec.only_subjects == {"apik.consultation.visit.ended"}
    rated = envelope(visit_completed("d"), "consultation")
    await spec.handler(UNBOUND, rated)
    assert seen == []


def test_events_of_several_aggregates_are_consumed_by_their_own_subjects() -> None:
    async def handle(*_: Any) -> None: ...

    spec = consumer("mixed", On(VisitEnded, handle), On(CaseSurveyed, handle))
    assert spec.subjects == ["apik.consultation.visit.ended", "apik.examination.case.surveyed"]


def test_one_handler_per_event_class() -> None:
    async def handle(*_: Any) -> None: ...

    with pytest.raises(ValueError, match="one handler per event class"):
        consumer("twice", On(VisitEnded, handle), On(VisitEnded, handle))


async def test_a_message_is_read_with_its_payload_class_in_one_pass() -> None:
    seen: list[Any] = []

    async def one_ended(session: Any, event: VisitEnded, envelope: CloudEvent) -> None:
        seen.append(event)

    spec = consumer("test", On(VisitEnded, one_ended))
    subject = VisitEnded.stream_subject()
    sent = envelope(visit_ended("a"), "consultation")
    read = spec.decode(subject, sent.to_json())
    assert isinstance(read.data, VisitEnded)
    assert read.data == VisitEnded.model_validate(sent.data)  # as the handler read it before
    assert (read.id, read.type, read.time) == (sent.id, sent.type, sent.time)
    await spec.handler(UNBOUND, read)
    assert seen == [read.data]

    # A payload its class refuses: the envelope alone, so the handler meets the error
    # (retried, then dead-lettered) as it always did, rather than an invalid envelope.
    broken = sent.model_copy(update={"data": {"visit_id": "b"}})
    read = spec.decode(subject, broken.to_json())
    assert read.data == {"visit_id": "b"}
    with pytest.raises(ValueError):
        await spec.handler(UNBOUND, read)

    # An envelope naming another type than its subject is not read as the subject's class.
    other = envelope(visit_completed("c"), "consultation")
    assert isinstance(spec.decode(subject, other.to_json()).data, dict)
