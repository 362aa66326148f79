"""The consumer's batch path (`enqueue_many`): a fetch of events becomes the same
deliveries the event-by-event path makes, and a batch stopped half-way and delivered
again, or applied twice, makes each delivery exactly once."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime

import pytest

from apik_integration.consumers import deliverable_types
from apik_integration.webhooks.service import enqueue_many
from apik_shared.platform.events.envelope import CloudEvent
from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens
from tests.integration.builders import event, subscribe

RECEIVER = "http://127.0.0.1:9/hook"  # never called: these tests only enqueue


class StoppedMidBatch(RuntimeError):
    """The process went away after the batch's statements, before its commit."""


async def _apply(service: RunningService, events: list[CloudEvent], *, stop: bool = False) -> int:
    """The consumer's batch transaction, as `Consumer` runs it for a fetch."""
    deliverable = deliverable_types(service.app.state.settings)
    async with service.app.state.database.sessions() as session, session.begin():
        made = await enqueue_many(session, events, deliverable=deliverable, now=datetime.now(UTC))
        if stop:
            raise StoppedMidBatch
    return made


async def _deliveries(service: RunningService, events: list[CloudEvent]) -> list[tuple[str, str]]:
    rows = await service.scalar(
        "SELECT coalesce(array_agg(event_id || ' ' || subscription_id ORDER BY event_id, "
        "subscription_id), '{}') FROM webhook_delivery WHERE event_id = ANY(:ids)",
        ids=[e.id for e in events],
    )
    return sorted(tuple(row.split(" ")) for row in rows)


def _office_code() -> str:
    return "T" + secrets.token_hex(3).upper()


async def test_a_batch_makes_one_delivery_per_event_and_matching_subscription(
    integration: RunningService, tokens: TestTokens
) -> None:
    here, there = _office_code(), _office_code()
    head_here = tokens.headers("head", office=here, username="kepala")
    head_there = tokens.headers("head", office=there, username="kepala")
    both = await subscribe(integration, head_here, RECEIVER)  # registered, closed
    closed_only = await subscribe(integration, head_here, RECEIVER, event_types=["case.closed"])
    elsewhere = await subscribe(integration, head_there, RECEIVER)
    registered = event("report.registered", office=here, report_id="r-1")
    closed = event("case.closed", office=here, case_id="c-1")
    other_type = event("case.opened", office=here, case_id="c-2")  # nobody asked for it
    there_registered = event("report.registered", office=there, report_id="r-2")
    withheld = event("report.survey_link_issued", office=here, report_id="r-3")
    officeless = CloudEvent(source="/apik/intake", type="report.registered", data={})
    events = [registered, closed, other_type, there_registered, withheld, officeless]

    assert await _apply(integration, events) == 4

    assert await _deliveries(integration, events) == sorted(
        [
            (registered.id, both["id"]),
            (closed.id, both["id"]),
            (closed.id, closed_only["id"]),
            (there_registered.id, elsewhere["id"]),
        ]
    )


async def test_a_batch_with_nothing_deliverable_writes_nothing(
    integration: RunningService, tokens: TestTokens
) -> None:
    code = _office_code()
    await subscribe(integration, tokens.headers("head", office=code, username="kepala"), RECEIVER)
    events = [event("case.opened", office=code, case_id=f"c-{n}") for n in range(3)]
    assert await _apply(integration, events) == 0
    assert await _deliveries(integration, events) == []


async def test_a_batch_stopped_half_way_then_delivered_again_makes_each_delivery_once(
    integration: RunningService, tokens: TestTokens
) -> None:
    code = _office_code()
    head = tokens.headers("head", office=code, username="kepala")
    subscription = await subscribe(integration, head, RECEIVER)
    events = [event("report.registered", office=code, report_id=f"r-{n}") for n in range(40)]

    with pytest.raises(StoppedMidBatch):
        await _apply(integration, events, stop=True)
    assert await _deliveries(integration, events) == []  # nothing half-written

    # The stream delivers the unacknowledged batch again; a later fetch overlaps it (a
    # redelivery after the commit, before the acknowledgements reached the server).
    assert await _apply(integration, events) == 40
    assert await _apply(integration, [*events[20:], events[0]]) == 0
    assert await _deliveries(integration, events) == sorted(
        (e.id, subscription["id"]) for e in events
    )
