"""Break the running system on purpose: nothing accepted is lost, nothing happens twice.

Each fault has a short variant (in CI) and a long one (`--slow`): more traffic, longer
outages, repeated kills. What each proves is written in docs/reliability.md.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Awaitable, Callable, Iterable
from functools import partial

import httpx
import nats
import pytest

from apik_shared.devstack.stack import Stack
from apik_shared.platform.events.bus import ensure_stream
from apik_shared.platform.events.envelope import subject_for
from apik_testing.infra import TestInfra
from tests.e2e.office import Office
from tests.examination.builders import handoff
from tests.intake.builders import FORMALLY_COMPLETE

pytestmark = pytest.mark.e2e
BURST = 20
LONG = 300


def sizes(short: int, long: int) -> pytest.MarkDecorator:
    return pytest.mark.parametrize(
        "size", [short, pytest.param(long, marks=pytest.mark.slow)], ids=["short", "long"]
    )


async def limited(
    calls: Iterable[Callable[[], Awaitable[httpx.Response]]], concurrency: int = 8
) -> list[httpx.Response]:
    """Runs the calls `concurrency` at a time, like a busy office's clients."""
    gate = asyncio.Semaphore(concurrency)

    async def one(call: Callable[[], Awaitable[httpx.Response]]) -> httpx.Response:
        async with gate:
            return await call()

    return list(await asyncio.gather(*(one(c) for c in calls)))


@sizes(BURST, LONG)
async def test_nats_stopped_during_a_burst_of_accepts(office: Office, infra: TestInfra, size: int):
    if infra.nats is None:
        pytest.skip("needs the suite's own NATS server to stop it (APIK_TEST_NATS_URL is set)")
    reports = [await office.verified_report() for _ in range(size)]
    burst = asyncio.ensure_future(limited(partial(office.accept, r) for r in reports))
    await asyncio.sleep(0.02 if size == BURST else 1)  # some accepts through, some not yet
    infra.nats.stop()
    try:
        if size != BURST:
            await asyncio.sleep(5)  # accepts go on while NATS is away
        responses = await burst
        assert [r.status_code for r in responses] == [200] * size
    finally:
        infra.nats.start()
    await office.assert_one_case_each(reports)


@sizes(BURST, LONG)
async def test_examination_killed_while_it_consumes(office: Office, stack: Stack, size: int):
    reports = [await office.verified_report() for _ in range(size)]
    for response in await limited(partial(office.accept, r) for r in reports):
        assert response.status_code == 200
    kills = 1 if size == BURST else 3
    for _ in range(kills):
        stack.stop_component("examination", kill=True)  # SIGKILL: no graceful anything
        stack.restart_component("examination")
        await asyncio.sleep(0 if size == BURST else 0.5)  # let it consume a little first
    await office.assert_one_case_each(reports)


@sizes(BURST, LONG)
async def test_intake_killed_mid_burst_loses_no_acknowledged_report(
    office: Office, stack: Stack, size: int
):
    keys = [uuid.uuid4().hex for _ in range(size)]
    first = asyncio.ensure_future(
        asyncio.gather(
            *(office.register(**{"Idempotency-Key": k}) for k in keys), return_exceptions=True
        )
    )
    await asyncio.sleep(0.05 if size == BURST else 1)  # some answered, some in flight
    stack.stop_component("intake", kill=True)
    answered = await first
    stack.restart_component("intake")
    # Clients retry everything with the same keys: acknowledged ones replay, the rest land.
    retried = await limited(partial(office.register, **{"Idempotency-Key": k}) for k in keys)
    assert [r.status_code for r in retried] == [201] * size
    for before, after in zip(answered, retried, strict=True):
        if not isinstance(before, BaseException) and before.status_code == 201:
            assert before.json()["id"] == after.json()["id"]
    ids = {r.json()["id"] for r in retried}
    assert len(ids) == size
    for report_id in ids:
        seen = await office.client.get(
            f"/api/v1/intake/reports/{report_id}", headers=office.officer
        )
        assert seen.status_code == 200


async def test_postgres_restarted_under_load(office: Office, infra: TestInfra):
    if infra.postgres is None:
        pytest.skip("needs the suite's own PostgreSQL to restart it (APIK_TEST_DATABASE_URL)")
    accepted: list[str] = []
    accepted.append((await office.register()).json()["id"])
    infra.postgres.stop()
    try:
        for _ in range(3):
            started = time.monotonic()
            response = await office.register()
            elapsed = time.monotonic() - started
            assert response.status_code == 503, response.text
            assert response.headers["content-type"] == "application/problem+json"
            assert elapsed < 10, f"an outage answer took {elapsed:.1f}s"
    finally:
        infra.postgres.start()
    for _ in range(100):  # services reconnect by themselves; no restart
        response = await office.register()
        if response.status_code == 201:
            break
        await asyncio.sleep(0.1)
    assert response.status_code == 201, response.text
    accepted.append(response.json()["id"])
    for report_id in accepted:
        seen = await office.client.get(
            f"/api/v1/intake/reports/{report_id}", headers=office.officer
        )
        assert seen.status_code == 200


@pytest.mark.slow
async def test_postgres_restarted_twice_under_continuous_load(office: Office, infra: TestInfra):
    if infra.postgres is None:
        pytest.skip("needs the suite's own PostgreSQL to restart it (APIK_TEST_DATABASE_URL)")
    postgres = infra.postgres
    answers: list[httpx.Response] = []
    stop = asyncio.Event()

    async def client() -> None:
        while not stop.is_set():
            answers.append(await office.register())

    load = [asyncio.ensure_future(client()) for _ in range(8)]
    try:
        for _ in range(2):
            await asyncio.sleep(3)
            postgres.stop()
            await asyncio.sleep(3)
            postgres.start()
        await asyncio.sleep(5)  # the services have reconnected and work again
    finally:
        stop.set()
        await asyncio.gather(*load)
    unexpected = [r.text for r in answers if r.status_code not in (201, 503)]
    assert not unexpected, unexpected[:3]  # an outage is a quick 503, never a 500
    assert answers[-1].status_code == 201
    accepted = [r.json()["id"] for r in answers if r.status_code == 201]
    for report_id in accepted:  # every acknowledged report survived both restarts
        seen = await office.client.get(
            f"/api/v1/intake/reports/{report_id}", headers=office.officer
        )
        assert seen.status_code == 200, report_id


async def test_the_same_handoff_many_times_and_out_of_order(office: Office, infra: TestInfra):
    events = [handoff(office="PUSAT") for _ in range(3)]
    copies = [e for e in events for _ in range(4)]
    copies = copies[::-1][:6] + copies[:6]  # shuffled: later events before earlier ones
    nc = await nats.connect(infra.nats_url)
    try:
        js = nc.jetstream()
        await ensure_stream(js)
        for n, event in enumerate(copies):
            # Distinct message ids: past the stream's deduplication, as after its window.
            await js.publish(
                subject_for("intake", "report.verified"),
                event.to_json(),
                headers={"Nats-Msg-Id": f"{event.id}-{n}"},
            )
    finally:
        await nc.close()
    await office.wait_for_cases([e.data["report_id"] for e in events])
    await asyncio.sleep(1)  # the last copies have had time to arrive
    for event in events:
        assert len(await office.cases(event.data["report_id"])) == 1


async def test_two_updates_with_the_same_etag(office: Office):
    created = await office.register()
    report_id = created.json()["id"]
    etag = created.headers["etag"]
    results = await asyncio.gather(
        office.step(report_id, "formal-verification", FORMALLY_COMPLETE, **{"If-Match": etag}),
        office.step(
            report_id,
            "formal-verification",
            {"complete": False, "missing": ["kronologi"]},
            **{"If-Match": etag},
        ),
    )
    assert sorted(r.status_code for r in results) == [200, 412]
    loser = next(r for r in results if r.status_code == 412)
    assert loser.headers["content-type"] == "application/problem+json"
