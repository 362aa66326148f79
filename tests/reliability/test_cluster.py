"""A cluster on one machine: three NATS nodes with the stream on all three, two replicas
of every service behind the gateway, one PostgreSQL. Reports go through their whole
life while one NATS node and one replica of each service are SIGKILLed; afterwards
every accepted report has one case, every event reached reporting once, and the SLA
scan (running on both examination replicas) published each case's breach once.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator, Sequence
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

import asyncpg
import httpx
import nats
import pytest

from apik_shared.devstack.components import SERVICES
from apik_shared.devstack.stack import Stack
from apik_shared.platform.events.envelope import STREAM_NAME
from apik_testing.cluster import NatsCluster
from apik_testing.infra import TestInfra
from apik_testing.stack import ADMIN_PASSWORD, start_stack
from tests.e2e.office import Office, create_user, login, staff_office
from tests.intake.builders import FORMALLY_COMPLETE, report_body

pytestmark = pytest.mark.e2e
SHORT, LONG = 6, 60
# Dated in the past, so each case is long past its SLA target when it opens and the
# breach scan has one breach to publish for every case.
PAST = timedelta(days=300)
RETRIED = {409, 412, 502, 503, 504}  # an answer lost with a killed replica: look, retry


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[NatsCluster]:
    nodes = NatsCluster(Path(tmp_path_factory.mktemp("nats-cluster"))).start()
    try:
        yield nodes
    finally:
        nodes.stop()


@pytest.fixture(scope="module")
def stack(
    infra: TestInfra, cluster: NatsCluster, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Stack]:
    system = start_stack(
        infra,
        Path(tmp_path_factory.mktemp("cluster")),
        {
            "APIK_STREAM_REPLICAS": "3",
            "APIK_SLA_SCAN_SECONDS": "1",
            "APIK_SLA_HISTORY_SETTLE_HOURS": "0",
            "APIK_DEADLINE_SCAN_SECONDS": "1",
            "APIK_DB_POOL_SIZE": "5",
        },
        replicas=2,
        nats_urls=cluster.component_urls(),
        timeout=180,
    )
    try:
        yield system
    finally:
        system.stop()


async def until_done(
    call: Callable[[], Awaitable[httpx.Response]],
    done: Callable[[], Awaitable[bool]] = lambda: _never(),
    tries: int = 60,
) -> None:
    """Sends until the answer is a success, or `done` says an earlier attempt (whose
    answer was lost with a killed replica) took effect."""
    last = ""
    for _ in range(tries):
        try:
            response = await call()
            if response.status_code in (200, 201):
                return
            if response.status_code not in RETRIED:
                raise AssertionError(f"{response.status_code}: {response.text}")
            last = f"{response.status_code}: {response.text[:300]}"
        except httpx.TransportError as exc:
            last = repr(exc)
        if await done():
            return
        await asyncio.sleep(0.3)
    raise AssertionError(f"never done: {last}")


async def _never() -> bool:
    return False


class Lifecycle:
    """One office's staff taking reports from registration to a closed case."""

    def __init__(self, office: Office, supervisor: dict[str, str], examiner_id: str) -> None:
        self.office, self.supervisor, self.examiner_id = office, supervisor, examiner_id
        self.client = office.client

    async def report_status(self, report_id: str) -> str:
        response = await self.client.get(
            f"/api/v1/intake/reports/{report_id}", headers=self.office.officer
        )
        return str(response.json().get("status")) if response.status_code == 200 else ""

    async def register(self, start: datetime) -> str:
        """A report received at `start`; its id."""
        key = uuid.uuid4().hex
        body = report_body(
            received_at=start.isoformat(), event_date=(start - timedelta(days=5)).date().isoformat()
        )
        answer: list[httpx.Response] = []

        async def register() -> httpx.Response:
            response = await self.client.post(
                "/api/v1/intake/reports",
                json=body,
                headers={**self.office.officer, "Idempotency-Key": key},
            )
            answer.append(response)
            return response

        await until_done(register)
        return str(answer[-1].json()["id"])

    async def left_incomplete(self, start: datetime) -> str:
        """A report found incomplete, the reporter told a day after `start`: its
        completion deadline passed long ago, so intake's deadline job withdraws it."""
        report_id = await self.register(start)
        told = (start + timedelta(days=1)).isoformat()
        step = {
            "complete": False,
            "missing": ["ktp"],
            "notification": {
                "channel": "whatsapp",
                "message": "Mohon lengkapi KTP.",
                "sent_at": told,
            },
            "decided_at": told,
        }

        async def recorded() -> bool:
            return await self.report_status(report_id) in {"awaiting_completion", "withdrawn"}

        await until_done(
            partial(self.office.step, report_id, "formal-verification", step), recorded
        )
        return report_id

    async def to_plenary(self, start: datetime) -> str:
        """A report registered, verified and accepted, dated from `start` on."""
        report_id = await self.register(start)
        for days, path, step, status in (
            (1, "formal-verification", FORMALLY_COMPLETE, "formally_verified"),
            (2, "material-verification", {"within_authority": True}, "materially_verified"),
            (3, "plenary-decision", {"decision": "accept"}, "accepted"),
        ):
            decided = {**step, "decided_at": (start + timedelta(days=days)).isoformat()}

            async def reached(status: str = status) -> bool:
                return await self.report_status(report_id) == status

            await until_done(partial(self.office.step, report_id, path, decided), reached)
        return report_id

    async def close(self, case: dict) -> None:
        url = f"/api/v1/examination/cases/{case['id']}"

        async def case_now() -> dict:
            response = await self.client.get(url, headers=self.supervisor)
            return dict(response.json()) if response.status_code == 200 else {}

        async def assigned() -> bool:
            return (await case_now()).get("examiner_id") == self.examiner_id

        async def closed() -> bool:
            return (await case_now()).get("status") == "closed"

        await until_done(
            lambda: self.client.post(
                f"{url}/assignment", json={"examiner_id": self.examiner_id}, headers=self.supervisor
            ),
            assigned,
        )
        await until_done(
            lambda: self.client.post(
                f"{url}/closure",
                json={"outcome": "withdrawn", "route": "reporter_request"},
                headers=self.office.examiner,
            ),
            closed,
        )


async def limited(calls: Sequence[Callable[[], Awaitable[str]]], concurrency: int = 4) -> list[str]:
    gate = asyncio.Semaphore(concurrency)

    async def one(call: Callable[[], Awaitable[str]]) -> str:
        async with gate:
            return await call()

    return list(await asyncio.gather(*(one(c) for c in calls)))


async def stream_events(cluster: NatsCluster, within: float = 60) -> list[dict]:
    """Every event on the stream (the envelopes), read from a node still up. After a node
    dies the stream (or JetStream's meta group) may still be electing its leader, and its
    API does not answer until then: a read that times out is tried again."""
    deadline = asyncio.get_running_loop().time() + within
    while True:
        try:
            return await _read_stream(cluster)
        except nats.errors.Error:
            if asyncio.get_running_loop().time() > deadline:
                raise
            await asyncio.sleep(1)


async def _read_stream(cluster: NatsCluster) -> list[dict]:
    nc = await nats.connect(cluster.admin_urls)
    try:
        js = nc.jetstream()
        info = await js.stream_info(STREAM_NAME)
        assert info.config.num_replicas == 3
        events = []
        for seq in range(info.state.first_seq, info.state.last_seq + 1):
            message = await js.get_msg(STREAM_NAME, seq)
            if message.subject and not message.subject.startswith("apik.deadletter."):
                events.append(json.loads(message.data or b"{}"))
        return events
    finally:
        await nc.close()


async def rows(stack: Stack, component: str, query: str) -> list[asyncpg.Record]:
    url = stack.database_urls[component].replace("postgresql+asyncpg://", "postgresql://")
    connection = await asyncpg.connect(url)
    try:
        return list(await connection.fetch(query))
    finally:
        await connection.close()


async def eventually(check: Callable[[], Awaitable[bool]], within: float, what: str) -> None:
    deadline = asyncio.get_running_loop().time() + within
    while not await check():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"not within {within:g}s: {what}")
        await asyncio.sleep(0.5)


@pytest.mark.parametrize(
    "size",
    [SHORT, pytest.param(LONG, marks=[pytest.mark.slow, pytest.mark.timeout(1800)])],
    ids=["short", "long"],
)
async def test_a_cluster_loses_a_node_and_a_replica_of_each_service(
    stack: Stack, cluster: NatsCluster, size: int
) -> None:
    async with httpx.AsyncClient(base_url=stack.url, timeout=30) as client:
        office = await staff_office(client, ADMIN_PASSWORD)
        admin = await login(client, "admin", ADMIN_PASSWORD)
        supervisor = await create_user(
            client, admin, f"spv{uuid.uuid4().hex[:6]}", "PUSAT", "examination_supervisor"
        )
        examiner_id = (await client.get("/api/v1/auth/me", headers=office.examiner)).json()[
            "subject"
        ]
        roster = await client.put(
            f"/api/v1/examination/offices/PUSAT/examiners/{examiner_id}",
            headers=supervisor,
            json={"display_name": "Riksa", "capacity": 1000},
        )
        assert roster.status_code in (200, 201), roster.text
        life = Lifecycle(office, supervisor, examiner_id)
        start = datetime.now(UTC) - PAST
        half = size // 2

        def batch(count: int) -> Awaitable[tuple[list[str], list[str]]]:
            """`count` reports to the plenary, and half as many left incomplete."""
            return asyncio.gather(
                limited([partial(life.to_plenary, start) for _ in range(count)]),
                limited([partial(life.left_incomplete, start) for _ in range(count // 2)], 2),
            )

        report_ids, incomplete = await batch(half)
        # Kill rounds, each while a batch is in flight: one NATS node and one replica of
        # each service. The long variant restarts them and kills the others next.
        rounds = [(0, "")] if size == SHORT else [(0, ""), (1, "-2")]
        for number, (node, suffix) in enumerate(rounds):
            if number:
                cluster.restart(rounds[number - 1][0])
                for service in SERVICES:
                    stack.restart_component(service.name + rounds[number - 1][1])
                await asyncio.wait_for(cluster.until_current(STREAM_NAME), 60)
            in_flight = asyncio.ensure_future(batch((size - half) // len(rounds)))
            await asyncio.sleep(0.5)  # some of the batch in flight
            cluster.kill(node)
            for service in SERVICES:
                stack.stop_component(service.name + suffix, kill=True)
            accepted, left = await in_flight
            report_ids, incomplete = report_ids + accepted, incomplete + left
        assert len(set(report_ids)) == half + len(rounds) * ((size - half) // len(rounds))

        # Intake's deadline job (on the intake replica left) withdraws every one.
        async def all_withdrawn() -> bool:
            statuses = [await life.report_status(r) for r in incomplete]
            return statuses == ["withdrawn"] * len(incomplete)

        await eventually(all_withdrawn, 60, "every incomplete report withdrawn")

        # One case each (through the surviving replicas and NATS nodes).
        await office.wait_for_cases(report_ids, within=120)
        cases = [(await office.cases(r))[0] for r in report_ids]

        # The scan runs every second on the examination replica left; each case breached.
        async def all_breached() -> bool:
            found = await rows(stack, "examination", "SELECT case_id FROM sla_breach")
            return {str(r["case_id"]) for r in found} >= {c["id"] for c in cases}

        await eventually(all_breached, 60, "every case's SLA breach recorded")
        await limited([partial(_closing, life, c) for c in cases])

        # Every breach, closure and withdrawal recorded has reached the stream (an outbox
        # relays them after its row's commit, late when its NATS node was the one killed),
        # and reporting has applied every event the stream holds (its read model included).
        async def reporting_caught_up() -> bool:
            events = await stream_events(cluster)
            breached = {e["data"]["case_id"] for e in events if e["type"] == "case.sla_breached"}
            shut = {e["data"]["case_id"] for e in events if e["type"] == "case.closed"}
            closed = {e["data"]["report_id"] for e in events if e["type"] == "report.closed"}
            ids = {c["id"] for c in cases}
            if not (ids <= breached and ids <= shut and set(incomplete) <= closed):
                return False
            applied = await rows(
                stack, "reporting", "SELECT event_id FROM inbox WHERE consumer LIKE '%read-model'"
            )
            return {e["id"] for e in events} <= {r["event_id"] for r in applied}

        await eventually(reporting_caught_up, 90, "reporting applied every event")
        await asyncio.sleep(3)  # late redeliveries (ack wait 3 s) have their chance

    # Exactly one case per report, and in the schema too.
    per_report = await rows(
        stack, "examination", "SELECT report_id, count(*) AS n FROM examination_case GROUP BY 1"
    )
    ours = {str(r["report_id"]): r["n"] for r in per_report}
    assert all(ours.get(r) == 1 for r in report_ids), ours

    events = await stream_events(cluster)
    # Each case's breach published once, whichever replica scanned (a message the relay
    # sent again under the same id is the same event: counted by id).
    by_id = {e["id"]: e for e in events}
    breaches = Counter(
        e["data"]["case_id"] for e in by_id.values() if e["type"] == "case.sla_breached"
    )
    assert {c["id"]: breaches[c["id"]] for c in cases} == {c["id"]: 1 for c in cases}
    withdrawals = Counter(
        e["data"]["report_id"] for e in by_id.values() if e["type"] == "report.closed"
    )
    assert {r: withdrawals[r] for r in incomplete} == {r: 1 for r in incomplete}
    recorded = await rows(
        stack, "examination", "SELECT case_id, count(*) AS n FROM sla_breach GROUP BY 1"
    )
    assert all(r["n"] == 1 for r in recorded)

    # Every event reached reporting exactly once: its inbox holds each id once (the key
    # allows no second), nothing went to its dead letters, and its read model counts
    # each report and each case once.
    applied = await rows(
        stack,
        "reporting",
        "SELECT event_id, count(*) AS n FROM inbox WHERE consumer LIKE '%read-model' GROUP BY 1",
    )
    assert {r["event_id"] for r in applied} >= set(by_id)
    assert await rows(stack, "reporting", "SELECT * FROM dead_letter") == []
    facts = await rows(
        stack, "reporting", "SELECT report_id FROM report_fact WHERE verified_at IS NOT NULL"
    )
    assert {str(r["report_id"]) for r in facts} >= set(report_ids)
    gone = await rows(
        stack, "reporting", "SELECT report_id FROM report_fact WHERE withdrawn_at IS NOT NULL"
    )
    assert {str(r["report_id"]) for r in gone} >= set(incomplete)
    closed = await rows(
        stack, "reporting", "SELECT case_id FROM case_fact WHERE closed_at IS NOT NULL"
    )
    assert {str(r["case_id"]) for r in closed} >= {c["id"] for c in cases}


async def _closing(life: Lifecycle, case: dict) -> str:
    await life.close(case)
    return str(case["id"])
