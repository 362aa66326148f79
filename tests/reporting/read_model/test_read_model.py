"""The consumer: defensive reading, and dead letters left alone."""

from __future__ import annotations

import uuid

import nats

from apik_shared.platform.events.bus import ensure_stream
from apik_shared.platform.events.envelope import CloudEvent, source_of
from tests.reporting.builders import (
    applied,
    at,
    eventually,
    kpis,
    office,
    publish,
    registered,
    visit,
)
from tests.reporting.streams import pending


async def _raw(nats_url: str, subject: str, data: bytes) -> None:
    nc = await nats.connect(nats_url)
    try:
        await ensure_stream(nc.jetstream())
        await nc.jetstream().publish(subject, data, headers={"Nats-Msg-Id": str(uuid.uuid4())})
    finally:
        await nc.close()


async def test_missing_or_odd_fields_never_stop_the_consumer(infra, reporting, tokens):
    code = office()
    odd_visit = CloudEvent(
        source=source_of("consultation"),
        type="visit.completed",
        subject=str(uuid.uuid4()),
        # No duration, a rating of the wrong type, a check-in that is not a date.
        data={
            "visit_id": str(uuid.uuid4()),
            "office": code,
            "rating": "five",
            "checked_in_at": "yesterday",
            "completed_at": at(2032).isoformat(),
        },
    )
    nameless = CloudEvent(source=source_of("intake"), type="report.registered", data={})
    unknown = CloudEvent(source=source_of("prevention"), type="study.published", data={"x": 1})
    good = visit(code, at(2032), minutes=12, rating=3)
    events = [odd_visit, nameless, unknown, good]
    await publish(infra.nats_url, *events)
    await applied(reporting, *events)
    items = await kpis(reporting, tokens.headers("head", office=code), year=2032)
    assert items["desk_visits"]["achieved"] == 2
    assert items["desk_avg_rating"]["achieved"] == 3.0  # the odd rating is no rating
    assert items["desk_avg_duration_minutes"]["achieved"] == 12.0
    parked = await reporting.scalar(
        "SELECT count(*) FROM dead_letter WHERE event_id = ANY(:ids)", ids=[e.id for e in events]
    )
    assert parked == 0


async def test_dead_letters_are_not_read_and_do_not_loop(infra, reporting, tokens):
    code = office()
    copy = registered(code, at(2033))
    # Another consumer's dead letter: a copy of an event, on a dead-letter subject.
    await _raw(infra.nats_url, "apik.deadletter.examination.handoff", copy.to_json())
    # Garbage on a regular subject: our consumer parks it once, and its own dead letter
    # (on apik.deadletter.reporting.…) must not come back to it.
    await _raw(infra.nats_url, "apik.intake.report.registered", b"not a cloud event")
    await eventually(lambda: reporting.scalar("SELECT count(*) FROM dead_letter"), lambda n: n >= 1)
    await eventually(lambda: pending(reporting), lambda n: n == 0)
    assert await reporting.scalar("SELECT count(*) FROM dead_letter") == 1
    items = await kpis(reporting, tokens.headers("head", office=code), year=2033)
    assert items["lm_registered"]["achieved"] == 0
