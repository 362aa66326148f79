"""Deliveries end to end: events on the stream become one signed delivery per matching
subscription, verified by a real receiver with the reference library; an outage loses
and duplicates nothing; 410, Retry-After, days of failure, dead letters and replay;
two senders side by side send each delivery once; a rotation signs with both secrets."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import text

from apik_integration.jobs import Sender, deliver_once
from apik_testing.infra import TestInfra
from apik_testing.services import RunningService
from tests.integration.builders import (
    DELIVERIES,
    SUBSCRIPTIONS,
    Receiver,
    enqueue,
    event,
    eventually,
    publish,
    subscribe,
)


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    receiver = Receiver()
    await receiver.start()
    yield receiver
    await receiver.stop()


@pytest.fixture
def fast_retries(integration: RunningService, monkeypatch: pytest.MonkeyPatch) -> None:
    """A schedule of seconds instead of days, for the app's own delivery job."""
    settings = integration.app.state.settings
    monkeypatch.setattr(settings, "webhook_retry_seconds", [0.2, 0.2, 0.2, 0.2, 0.2, 0.2])
    monkeypatch.setattr(settings, "webhook_jitter", 0.0)


async def _equals(value: Any, expected: Any) -> bool:
    return bool(await value == expected)


async def rows(service: RunningService, subscription_id: str, status: str) -> int:
    return int(
        await service.scalar(
            "SELECT count(*) FROM webhook_delivery WHERE subscription_id = :s AND status = :st",
            s=subscription_id,
            st=status,
        )
    )


async def test_events_on_the_stream_arrive_signed_once_per_subscription(
    integration: RunningService,
    infra: TestInfra,
    office: tuple[str, dict[str, str]],
    receiver: Receiver,
) -> None:
    code, head = office
    created = await subscribe(integration, head, receiver.url, event_types=["report.registered"])
    receiver.secrets = [created["secret"]]
    wanted = event("report.registered", office=code, report_id="r-wanted")
    other_type = event("case.closed", office=code, case_id="c-1")
    other_office = event("report.registered", office="KOTA", report_id="r-kota")
    await publish(infra.nats_url, wanted, other_type, other_office)
    await eventually(lambda: receiver.unique == 1, what="the delivery")
    assert receiver.refused == 0  # the reference library verified the signature
    assert list(receiver.received) == [wanted.id]  # webhook-id is the event's id
    body = receiver.bodies[wanted.id]
    assert body["type"] == "report.registered"
    assert body["data"]["office"] == code and body["data"]["subject"] == "r-wanted"
    assert datetime.fromisoformat(body["timestamp"]) == wanted.time
    # The stream delivers the same event again (a redelivery, a republish): nothing new.
    await publish(infra.nats_url, wanted, msg_id=f"again-{wanted.id}")
    await asyncio.sleep(1.0)
    assert receiver.received[wanted.id] == 1
    assert await rows(integration, created["id"], "delivered") == 1


async def test_an_event_no_subscription_wants_is_acked_unread(
    integration: RunningService,
    infra: TestInfra,
    office: tuple[str, dict[str, str]],
    receiver: Receiver,
) -> None:
    """The consumer asks, per fetched batch, which types any active subscription wants:
    the others cost no inbox row (no transaction); a wanted one is still delivered, and
    a type subscribed to later is delivered from then on."""
    code, head = office
    created = await subscribe(integration, head, receiver.url, event_types=["report.registered"])
    receiver.secrets = [created["secret"]]
    unwanted = [event("case.surveyed", office=code, case_id=f"c-unwanted-{i}") for i in range(5)]
    wanted = event("report.registered", office=code, report_id="r-beside-unwanted")
    await publish(infra.nats_url, *unwanted, wanted)
    await eventually(lambda: wanted.id in receiver.received, what="the wanted delivery")
    inboxed = "SELECT count(*) FROM inbox WHERE event_id = ANY(:ids)"
    assert await integration.scalar(inboxed, ids=[e.id for e in unwanted]) == 0
    assert await integration.scalar(inboxed, ids=[wanted.id]) == 1

    later = await subscribe(integration, head, receiver.url, event_types=["case.surveyed"])
    receiver.secrets = [created["secret"], later["secret"]]
    surveyed = event("case.surveyed", office=code, case_id="c-wanted-now")
    await publish(infra.nats_url, surveyed)
    await eventually(lambda: surveyed.id in receiver.received, what="the newly wanted type")


async def test_an_outage_of_the_receiver_loses_and_duplicates_nothing(
    integration: RunningService, office: tuple[str, dict[str, str]], fast_retries: None
) -> None:
    code, head = office
    receiver = Receiver()  # down: nothing listens on its port yet
    created = await subscribe(integration, head, receiver.url)
    receiver.secrets = [created["secret"]]
    events = [event("report.registered", office=code, report_id=f"r-out-{i}") for i in range(5)]
    assert await enqueue(integration, *events) == 5
    await eventually(
        lambda: integration.scalar(
            "SELECT min(attempts) >= 2 FROM webhook_delivery WHERE subscription_id = :s",
            s=created["id"],
        ),
        what="failed attempts while the receiver is down",
    )
    failing = await integration.client.get(f"{SUBSCRIPTIONS}/{created['id']}", headers=head)
    assert failing.json()["failing_since"] is not None
    await receiver.start()
    try:
        await eventually(lambda: receiver.unique == 5, what="every delivery after the outage")
        await asyncio.sleep(0.5)
    finally:
        await receiver.stop()
    assert set(receiver.received) == {e.id for e in events}
    assert set(receiver.received.values()) == {1}
    await eventually(
        lambda: _equals(rows(integration, created["id"], "delivered"), 5),
        what="every delivery recorded",
    )
    healthy = await integration.client.get(f"{SUBSCRIPTIONS}/{created['id']}", headers=head)
    assert healthy.json()["failing_since"] is None


async def test_410_disables_the_endpoint(
    integration: RunningService, office: tuple[str, dict[str, str]], receiver: Receiver
) -> None:
    code, head = office
    created = await subscribe(integration, head, receiver.url)
    receiver.secrets = [created["secret"]]
    receiver.status = 410
    await enqueue(integration, event("report.registered", office=code, report_id="r-gone"))
    await eventually(lambda: rows(integration, created["id"], "failed"), what="the 410")
    one = await integration.client.get(f"{SUBSCRIPTIONS}/{created['id']}", headers=head)
    assert one.json()["status"] == "disabled"
    assert one.json()["disabled_reason"].startswith("gone")
    # Events for a disabled endpoint make no delivery.
    assert (
        await enqueue(integration, event("report.registered", office=code, report_id="r-after"))
        == 0
    )


async def test_retry_after_is_honoured(
    integration: RunningService, office: tuple[str, dict[str, str]], receiver: Receiver
) -> None:
    code, head = office
    created = await subscribe(integration, head, receiver.url)
    receiver.secrets = [created["secret"]]
    receiver.status, receiver.retry_after = 503, "3600"
    await enqueue(integration, event("report.registered", office=code, report_id="r-slow"))
    await eventually(
        lambda: integration.scalar(
            "SELECT attempts = 1 FROM webhook_delivery WHERE subscription_id = :s",
            s=created["id"],
        ),
        what="the first attempt",
    )
    wait = await integration.scalar(
        "SELECT extract(epoch FROM next_attempt_at - last_attempt_at) "
        "FROM webhook_delivery WHERE subscription_id = :s",
        s=created["id"],
    )
    # The schedule's first wait is 5 s (± 20 %); the receiver asked for an hour.
    assert 3599 <= float(wait) <= 3601
    listed = await integration.client.get(
        DELIVERIES, params={"subscription_id": created["id"]}, headers=head
    )
    [item] = listed.json()["items"]
    assert item["last_status"] == 503 and item["status"] == "pending"


async def test_days_of_failure_disable_the_endpoint(
    integration: RunningService, office: tuple[str, dict[str, str]], receiver: Receiver
) -> None:
    code, head = office
    created = await subscribe(integration, head, receiver.url)
    receiver.secrets = [created["secret"]]
    receiver.status = 500
    # Failing, without a single success, for six days (the limit is five).
    async with integration.app.state.database.sessions() as session, session.begin():
        await session.execute(
            text("UPDATE webhook_subscription SET failing_since = :t WHERE id = :id"),
            {"t": datetime.now(UTC) - timedelta(days=6), "id": created["id"]},
        )
    await enqueue(integration, event("report.registered", office=code, report_id="r-tired"))
    await eventually(
        lambda: integration.scalar(
            "SELECT status = 'disabled' FROM webhook_subscription WHERE id = :id",
            id=created["id"],
        ),
        what="the endpoint disabled",
    )
    one = await integration.client.get(f"{SUBSCRIPTIONS}/{created['id']}", headers=head)
    assert one.json()["disabled_reason"].startswith("failing")


async def test_dead_letters_are_listed_and_replayed(
    integration: RunningService,
    office: tuple[str, dict[str, str]],
    other_head: dict[str, str],
    receiver: Receiver,
    fast_retries: None,
) -> None:
    code, head = office
    created = await subscribe(integration, head, receiver.url)
    receiver.secrets = [created["secret"]]
    receiver.status = 500
    [dead_event] = [event("report.registered", office=code, report_id="r-dead")]
    await enqueue(integration, dead_event)
    await eventually(lambda: rows(integration, created["id"], "failed"), what="the dead letter")
    dead = await integration.client.get(
        DELIVERIES, params={"status": "failed", "subscription_id": created["id"]}, headers=head
    )
    [item] = dead.json()["items"]
    assert item["attempts"] == 7 and item["last_status"] == 500  # 1 + six retries
    assert item["event_id"] == dead_event.id
    # Another office neither lists nor replays it.
    theirs = await integration.client.get(
        DELIVERIES, params={"status": "failed"}, headers=other_head
    )
    assert item["id"] not in [d["id"] for d in theirs.json()["items"]]
    refused = await integration.client.post(f"{DELIVERIES}/{item['id']}/replay", headers=other_head)
    assert refused.status_code == 404
    receiver.status = 200
    replayed = await integration.client.post(f"{DELIVERIES}/{item['id']}/replay", headers=head)
    assert replayed.status_code == 200 and replayed.json()["status"] == "pending"
    await eventually(lambda: receiver.unique == 1, what="the replayed delivery")
    assert receiver.received[dead_event.id] == 1
    again = await integration.client.post(f"{DELIVERIES}/{item['id']}/replay", headers=head)
    assert again.status_code == 200  # a delivered one may be sent again; same webhook-id


async def test_two_senders_side_by_side_send_each_delivery_once(
    integration: RunningService, office: tuple[str, dict[str, str]], receiver: Receiver
) -> None:
    code, head = office
    created = await subscribe(integration, head, receiver.url)
    receiver.secrets = [created["secret"]]
    events = [event("report.registered", office=code, report_id=f"r-pair-{i}") for i in range(60)]
    await enqueue(integration, *events)
    settings = integration.app.state.settings
    senders = [Sender(settings), Sender(settings)]
    try:
        # Two replicas' jobs (and the app's own, a third) at once.
        await asyncio.gather(*(deliver_once(integration.app.state.database, s) for s in senders))
    finally:
        for sender in senders:
            await sender.aclose()
    await eventually(lambda: receiver.unique == 60, what="all sixty")
    assert set(receiver.received.values()) == {1}


async def test_a_rotated_secret_signs_beside_the_old_one(
    integration: RunningService, office: tuple[str, dict[str, str]], receiver: Receiver
) -> None:
    code, head = office
    created = await subscribe(integration, head, receiver.url)
    rotated = await integration.client.post(
        f"{SUBSCRIPTIONS}/{created['id']}/rotate-secret", headers=head
    )
    new_secret = rotated.json()["secret"]
    receiver.secrets = [created["secret"]]  # a receiver that has not switched yet
    first = event("report.registered", office=code, report_id="r-rot-1")
    await enqueue(integration, first)
    await eventually(lambda: receiver.unique == 1, what="the delivery under the old secret")
    assert len(receiver.signatures[-1].split(" ")) == 2
    receiver.secrets = [new_secret]  # the receiver switched
    second = event("report.registered", office=code, report_id="r-rot-2")
    await enqueue(integration, second)
    await eventually(lambda: receiver.unique == 2, what="the delivery under the new secret")
    assert receiver.refused == 0


async def test_a_target_that_turned_private_is_not_sent_to(
    integration: RunningService,
    office: tuple[str, dict[str, str]],
    receiver: Receiver,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    code, head = office
    created = await subscribe(integration, head, receiver.url)
    receiver.secrets = [created["secret"]]
    # Checked again before each send: a name can point somewhere else later.
    monkeypatch.setattr(integration.app.state.settings, "webhook_allow_private_targets", False)
    await enqueue(integration, event("report.registered", office=code, report_id="r-ssrf"))
    await eventually(
        lambda: integration.scalar(
            "SELECT attempts >= 1 FROM webhook_delivery WHERE subscription_id = :s",
            s=created["id"],
        ),
        what="the refused attempt",
    )
    error = await integration.scalar(
        "SELECT last_error FROM webhook_delivery WHERE subscription_id = :s", s=created["id"]
    )
    assert error.startswith("refused target")
    assert receiver.signatures == []  # nothing reached the receiver
