"""The event pipeline read from a service's `/metrics`: an outbox backed up while NATS is
stopped, and what each consumer has pending, had redelivered and gave up on."""

from __future__ import annotations

import asyncio
import secrets
import uuid
from collections.abc import AsyncIterator

import nats
import pytest
import sqlalchemy as sa
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy.ext.asyncio import AsyncSession

from apik_shared.platform.app import create_service_app
from apik_shared.platform.db import Database
from apik_shared.platform.events.bus import ensure_stream
from apik_shared.platform.events.consumer import ConsumerSpec
from apik_shared.platform.events.envelope import CloudEvent, source_of
from apik_shared.platform.settings import ServiceSettings
from apik_shared.platform.tables import metadata as platform_metadata
from apik_testing.infra import TestInfra
from apik_testing.polling import eventually
from apik_testing.services import RunningService, running
from apik_testing.tokens import TestTokens

Series = dict[tuple[str, tuple[tuple[str, str], ...]], float]


async def platform_db(infra: TestInfra, name: str) -> str:
    url = await infra.adatabase(name)
    database = Database(url)
    async with database.engine.begin() as conn:
        await conn.run_sync(platform_metadata.create_all)
    await database.dispose()
    return url


def settings_for(infra: TestInfra, url: str, service: str) -> ServiceSettings:
    return ServiceSettings(
        env="test",
        service_name=service,
        database_url=url,
        nats_url=infra.nats_url,
        secret_key="test-secret-key",
        consumer_group="metrics-" + secrets.token_hex(3),
        outbox_poll_seconds=0.2,
        metrics_sample_seconds=0.1,
    )


async def scrape(service: RunningService) -> Series:
    response = await service.client.get("/metrics")
    assert response.status_code == 200
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
    }


def value(series: Series, name: str, **labels: str) -> float | None:
    return series.get((name, tuple(sorted(labels.items()))))


@pytest.fixture
async def service_name() -> AsyncIterator[str]:
    yield "m" + uuid.uuid4().hex[:10]  # a label and a subject space of its own


async def test_a_backed_up_outbox_shows_its_size_and_age_until_nats_returns(
    infra: TestInfra, tokens: TestTokens, service_name: str
) -> None:
    if infra.nats is None:
        pytest.skip("needs the suite's own NATS server to stop it (APIK_TEST_NATS_URL is set)")
    settings = settings_for(infra, await platform_db(infra, "metrics"), service_name)
    app = create_service_app(settings=settings, title=service_name, routers=[])
    infra.nats.stop()
    try:
        async with running(app, tokens) as service:
            bus = app.state.bus
            async with app.state.database.sessions() as session, session.begin():
                events = [
                    await bus.outbox.add(session, "thing.happened", {"n": n}, subject=f"t{n}")
                    for n in range(3)
                ]
                # The oldest as if it had waited ten minutes for NATS.
                await session.execute(
                    sa.text(
                        "UPDATE outbox SET created_at = now() - interval '600 seconds' "
                        "WHERE id = :id"
                    ),
                    {"id": events[0].id},
                )

            def backed_up(series: Series) -> bool:
                return value(series, "apik_outbox_backlog", service=service_name) == 3

            series = await eventually(lambda: scrape(service), backed_up, within=10)
            oldest = value(series, "apik_outbox_oldest_unsent_seconds", service=service_name)
            assert oldest is not None and 600 <= oldest < 660
            nothing_sent = value(
                series, "apik_relay_events_total", service=service_name, outcome="sent"
            )
            assert nothing_sent in (None, 0)

            infra.nats.start()

            def drained(series: Series) -> bool:
                return value(series, "apik_outbox_backlog", service=service_name) == 0

            series = await eventually(lambda: scrape(service), drained, within=30)
            assert value(series, "apik_outbox_oldest_unsent_seconds", service=service_name) == 0
            sent = value(series, "apik_relay_events_total", service=service_name, outcome="sent")
            assert sent == 3
            batches = value(
                series, "apik_relay_publish_seconds_count", service=service_name, path="poll"
            )
            assert batches is not None and batches >= 1
    finally:
        if infra.nats.process is None:
            infra.nats.start()


async def test_consumers_pending_redelivered_and_dead_letters(
    infra: TestInfra, tokens: TestTokens, service_name: str
) -> None:
    release = asyncio.Event()
    bad_deliveries: list[str] = []

    async def slow(session: AsyncSession, event: CloudEvent) -> None:
        await release.wait()  # holds its batch unacknowledged until the test ends

    async def failing(session: AsyncSession, event: CloudEvent) -> None:
        bad_deliveries.append(event.id)
        raise RuntimeError("this event cannot be applied")

    root = f"apik.{service_name}"
    specs = [
        ConsumerSpec(durable="slow", subjects=[f"{root}.slow.>"], handler=slow, batch=4),
        # Retried once after 0.2 s, then not before a minute: redelivered, unacknowledged.
        ConsumerSpec(
            durable="retrying",
            subjects=[f"{root}.retry.>"],
            handler=failing,
            max_deliver=5,
            backoff=(0.2, 60),
        ),
        # Given up on at its first delivery.
        ConsumerSpec(
            durable="giving-up", subjects=[f"{root}.dead.>"], handler=failing, max_deliver=1
        ),
    ]
    # The events are on the stream before the consumers exist: the slow one's first fetch
    # takes a full batch of 4, and 6 stay pending.
    nc = await nats.connect(infra.nats_url)
    try:
        js = nc.jetstream()
        await ensure_stream(js)
        for kind, count in (("slow", 10), ("retry", 1), ("dead", 1)):
            for _ in range(count):
                event = CloudEvent(source=source_of(service_name), type=f"{kind}.happened")
                await js.publish(f"{root}.{kind}.happened", event.to_json())
    finally:
        await nc.close()
    settings = settings_for(infra, await platform_db(infra, "metrics"), service_name)
    app = create_service_app(settings=settings, title=service_name, routers=[], consumers=specs)
    async with running(app, tokens) as service:
        group = settings.consumer_group

        def settled(series: Series) -> bool:
            def of(name: str, durable: str) -> float | None:
                return value(series, name, service=service_name, consumer=f"{group}-{durable}")

            return (
                of("apik_consumer_pending", "slow") == 6
                and of("apik_consumer_ack_pending", "slow") == 4
                and of("apik_consumer_redelivered", "retrying") == 1
                and of("apik_dead_letters", "giving-up") == 1
            )

        try:
            series = await eventually(lambda: scrape(service), settled, within=20)
        finally:
            release.set()
        labels = {"service": service_name}
        assert value(series, "apik_dead_letters", **labels, consumer=f"{group}-retrying") == 0
        assert value(series, "apik_consumer_redelivered", **labels, consumer=f"{group}-slow") == 0
        assert value(series, "apik_consumer_pending", **labels, consumer=f"{group}-retrying") == 0
        assert len(bad_deliveries) >= 3  # retrying: two deliveries (one in a batch); giving-up
