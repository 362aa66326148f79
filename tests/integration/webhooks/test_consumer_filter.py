"""The webhooks consumer's server-side filter follows the active subscriptions: the
server sends it only the types one asks for, and a subscription created or enabled while
events flow misses none stored after it commits, although the server had been moving
the consumer past that type's events until then."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import nats
import pytest
from nats.js import JetStreamContext
from nats.js.errors import NotFoundError

from apik_integration.consumers import webhooks_durable
from apik_shared.platform.events.consumer import Consumer
from apik_shared.platform.events.envelope import STREAM_NAME, subject_for
from apik_shared.platform.events.filters import NOTHING, covers, filters_of, type_subjects
from apik_testing.infra import TestInfra
from apik_testing.services import RunningService
from tests.integration.builders import SUBSCRIPTIONS, event, eventually, subscribe

# Types no other test of the module subscribes to (the consumer is the module's): one
# subscribed all along, whose events move the consumer on, and one per race.
STEADY = "case.assigned"
RACING = {"created": "case.concluded", "enabled": "case.monitoring_started"}
ALONE = "case.recommendation_issued"  # subscribed, disabled and enabled again alone


@pytest.fixture
async def js(infra: TestInfra, integration: RunningService) -> AsyncIterator[JetStreamContext]:
    """The stream, once the service's webhooks consumer exists on it (the service
    connects in the background)."""
    nc = await nats.connect(infra.nats_url)
    try:
        stream = nc.jetstream()
        await eventually(lambda: _exists(stream, integration), what="the webhooks consumer")
        yield stream
    finally:
        await nc.close()


async def _exists(js: JetStreamContext, service: RunningService) -> bool:
    try:
        await js.consumer_info(STREAM_NAME, webhooks_consumer(service).durable)
    except NotFoundError:
        return False
    return True


def webhooks_consumer(service: RunningService) -> Consumer:
    durable = webhooks_durable(service.app.state.settings)
    return next(c for c in service.app.state.bus.consumers if c.durable == durable)


async def server_filter(service: RunningService, js: JetStreamContext) -> set[str]:
    info = await js.consumer_info(STREAM_NAME, webhooks_consumer(service).durable)
    return filters_of(info.config)


async def lets_through(service: RunningService, js: JetStreamContext, event_type: str) -> bool:
    subject = type_subjects([event_type])[0]
    return any(covers(f, subject) for f in await server_filter(service, js))


async def flow(
    js: JetStreamContext, code: str, racing: str, stop: asyncio.Event, stored: list[str]
) -> None:
    """Events of the steady type and the racing one, in turn, until `stop`; the racing
    ones' ids in `stored` once the stream has acked them."""
    n = 0
    while not stop.is_set():
        for kind in (STEADY, racing):
            e = event(kind, office=code, case_id=f"c-{n}")
            await js.publish(subject_for(e.producer, e.type), e.to_json())
            if kind == racing:
                stored.append(e.id)
        n += 1
        await asyncio.sleep(0.002)


async def delivered(service: RunningService, ids: list[str]) -> bool:
    found = await service.scalar(
        "SELECT count(DISTINCT event_id) FROM webhook_delivery WHERE event_id = ANY(:ids)",
        ids=ids,
    )
    return bool(found == len(ids))


async def test_the_server_sends_only_the_types_active_subscriptions_ask_for(
    integration: RunningService, js: JetStreamContext, office: tuple[str, dict[str, str]]
) -> None:
    _, head = office
    made = await subscribe(integration, head, "http://127.0.0.1:9/a", event_types=[ALONE])
    assert await lets_through(integration, js, ALONE)  # widened before it committed
    assert not await lets_through(integration, js, "report.verified")
    assert "apik.>" not in await server_filter(integration, js)
    disabled = await integration.client.post(
        f"{SUBSCRIPTIONS}/{made['id']}/disable", headers={**head, "If-Match": made["etag"]}
    )
    assert disabled.status_code == 200, disabled.text
    await webhooks_consumer(integration).refilter(js)  # as it does every minute
    assert not await lets_through(integration, js, ALONE)
    enabled = await integration.client.post(
        f"{SUBSCRIPTIONS}/{made['id']}/enable",
        headers={**head, "If-Match": disabled.headers["etag"]},
    )
    assert enabled.status_code == 200, enabled.text
    assert await lets_through(integration, js, ALONE)


@pytest.mark.parametrize("how", ["created", "enabled"])
async def test_a_subscription_made_while_events_flow_misses_none_after_it(
    integration: RunningService,
    js: JetStreamContext,
    office: tuple[str, dict[str, str]],
    how: str,
) -> None:
    code, head = office
    racing = RACING[how]
    await subscribe(integration, head, "http://127.0.0.1:9/steady", event_types=[STEADY])
    if how == "enabled":
        made = await subscribe(integration, head, "http://127.0.0.1:9/r", event_types=[racing])
        disabled = await integration.client.post(
            f"{SUBSCRIPTIONS}/{made['id']}/disable", headers={**head, "If-Match": made["etag"]}
        )
        assert disabled.status_code == 200, disabled.text
    await webhooks_consumer(integration).refilter(js)  # what is active now, as every minute
    # The race is real: the server moves the consumer past the racing type's events.
    assert not await lets_through(integration, js, racing)

    stop = asyncio.Event()
    stored: list[str] = []
    publisher = asyncio.create_task(flow(js, code, racing, stop, stored))
    try:
        await eventually(lambda: len(stored) >= 30, what="the racing type's events flowing")
        if how == "created":
            await subscribe(integration, head, "http://127.0.0.1:9/late", event_types=[racing])
        else:
            answer = await integration.client.post(
                f"{SUBSCRIPTIONS}/{made['id']}/enable",
                headers={**head, "If-Match": disabled.headers["etag"]},
            )
            assert answer.status_code == 200, answer.text
        # What the stream had not acked when the answer came, it stored after the commit.
        acked_before = len(stored) + 1  # one publish may be under way, acked or not
        await eventually(lambda: len(stored) >= acked_before + 30, what="more events after")
    finally:
        stop.set()
        await publisher
    after = stored[acked_before:]
    await eventually(
        lambda: delivered(integration, after), seconds=20, what="a delivery of each later event"
    )


async def test_a_stream_that_cannot_be_reached_refuses_the_subscription(
    integration: RunningService,
    office: tuple[str, dict[str, str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    code, head = office
    bus = integration.app.state.bus

    async def never() -> JetStreamContext:
        await asyncio.Event().wait()
        raise AssertionError

    monkeypatch.setattr(bus, "jetstream", never)
    answer = await integration.client.post(
        SUBSCRIPTIONS,
        json={"client": "x", "url": "http://127.0.0.1:9/x", "event_types": [ALONE]},
        headers=head,
    )
    assert answer.status_code == 503, answer.text
    assert answer.headers["content-type"].startswith("application/problem+json")
    made = await integration.scalar(
        "SELECT count(*) FROM webhook_subscription WHERE office = :o", o=code
    )
    assert made == 0


def test_nothing_is_a_subject_no_event_has() -> None:
    assert type_subjects([]) == [NOTHING]
    assert not covers(NOTHING, subject_for("intake", "report.verified"))
    assert covers("apik.*.report.verified", "apik.intake.report.verified")
    assert not covers("apik.*.report.verified", "apik.intake.report.verified.x")
    assert covers("apik.>", "apik.*.case.opened")
