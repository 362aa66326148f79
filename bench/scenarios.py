"""The measurements of `bench/run.py`, each against the running embedded system."""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
import statistics
import sys
import threading
import time
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import nats
import psutil

from apik_shared.devstack.infra import EmbeddedNats, EmbeddedPostgres
from apik_shared.devstack.stack import Stack
from apik_shared.platform.events.envelope import STREAM_NAME, CloudEvent, source_of, subject_for
from apik_shared.platform.events.payloads import ReportVerified
from apik_shared.platform.settings import to_plain_postgres_url
from bench import floor, gateway_forwarding
from bench.driver import encode_request, summary
from bench.scale_corpus import Corpus

ADMIN_PASSWORD = "bench-Admin-Password-1"
PASSWORD = "Kata-Sandi-Rahasia-2026!"
REPORT = {
    "kind": "LM",
    "channel": "web",
    "reporter": {
        "name": "Budi Santoso",
        "nik": "1771010101900001",
        "place_of_birth": "Bengkulu",
        "date_of_birth": "1990-01-01",
        "address": "Jl. Salak No. 5, Kota Bengkulu",
        "occupation": "Petani",
        "phone": "081234567890",
    },
    "reported_agency": {"name": "Dinas Pendidikan"},
    "substance": "education",
    "summary": "Ijazah ditahan",
    "chronology": "Sejak Juli 2026 sekolah menahan ijazah anak pelapor.",
    "event_date": "2026-07-15",
}
# A formal verification that passes: the checklist is required, and the identity above
# (place and date of birth, address, occupation, NIK) is what it checks.
FORMALLY_COMPLETE = {
    "complete": True,
    "checklist": {
        "identity": True,
        "chronology": True,
        "prior_complaint": True,
        "within_two_years": True,
    },
}
Measure = Callable[[int, list[bytes], int, float, int, int], dict[str, Any]]
Pace = Callable[[int, list[bytes], float], dict[str, Any]]


def distinct_reports(count: int) -> list[dict[str, Any]]:
    """Reports from `count` different people, with the texts, agencies and substances of
    the one-million-report corpus (`bench/scale_corpus.py`): a few are re-sent letters or
    copies, the rest are distinct complaints. (Reports that are all near-copies of each
    other would make every registration compare itself with the whole table, which is
    not the load an office sees; one reporter's reports queue behind each other, since
    recognising a repeat reporter locks their identity.)"""
    rng = random.Random(7)
    corpus = Corpus(seed=7)
    reports = []
    for n in range(count):
        drawn = corpus.report(datetime(2026, 11, 1, tzinfo=UTC) + timedelta(minutes=n))
        day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(60, 99)
        nik = f"177101{day:02d}{month:02d}{year:02d}"
        reporter = {
            "name": f"Pelapor {n}",
            "nik": f"{nik}{rng.randint(1, 9999):04d}",
            "place_of_birth": "Bengkulu",
            "date_of_birth": f"19{year:02d}-{month:02d}-{day:02d}",
            "address": f"Jl. Melati No. {n}, Kota Bengkulu",
            "occupation": "Wiraswasta",
            "phone": f"0812{rng.randint(10**7, 10**8 - 1)}",
            "email": f"pelapor{n}@example.id",
        }
        reports.append(
            {
                **REPORT,
                "reporter": reporter,
                "reported_agency": {"name": drawn.agency},
                "substance": drawn.substance,
                "summary": drawn.summary[:500],
                "chronology": drawn.chronology,
            }
        )
    return reports


class MemorySampler:
    """The peak resident memory of each process while a scenario runs."""

    def __init__(self, processes: dict[str, int]) -> None:
        self.processes = {name: psutil.Process(pid) for name, pid in processes.items()}
        self.peak = dict.fromkeys(processes, 0)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def snapshot(self) -> dict[str, float]:
        return {n: round(p.memory_info().rss / 2**20, 1) for n, p in self.processes.items()}

    def _run(self) -> None:
        while not self._stop.wait(0.1):
            for name, process in self.processes.items():
                self.peak[name] = max(self.peak[name], process.memory_info().rss)

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    def peak_mb(self) -> dict[str, float]:
        return {name: round(rss / 2**20, 1) for name, rss in self.peak.items()}


class CpuMeter:
    """CPU time each process spends on a scenario, per operation: on a shared machine
    this drifts far less than wall-clock rates. PostgreSQL counts with its backends,
    living and exited."""

    def __init__(self, processes: dict[str, Callable[[], int]]) -> None:
        self.processes = processes
        self.before: dict[str, float] = {}

    def _now(self) -> dict[str, float]:
        out = {}
        for name, pid_of in self.processes.items():
            try:
                process = psutil.Process(pid_of())
                family = [process, *process.children(recursive=True)]
            except psutil.Error:
                continue
            total = 0.0
            for member in family:
                with contextlib.suppress(psutil.Error):
                    times = member.cpu_times()
                    total += times.user + times.system
            # Children that have exited (a PostgreSQL backend whose connection closed, an
            # autovacuum worker) count in their reaped parent's times; left out, a
            # scenario could show a negative CPU time for PostgreSQL.
            with contextlib.suppress(psutil.Error):
                times = process.cpu_times()
                total += times.children_user + times.children_system
            out[name] = total
        return out

    def start(self) -> None:
        self.before = self._now()

    def ms_per(self, operations: int) -> dict[str, float]:
        after = self._now()
        # A process not running at the start (NATS restarted for the drain) started
        # during the scenario: all its CPU time is the scenario's.
        return {
            name: round((after[name] - self.before.get(name, 0.0)) * 1000 / operations, 3)
            for name in after
        }


async def physical_reference(
    stack: Stack, nats_url: str, seconds: float, concurrency: int
) -> dict[str, Any]:
    """What the machine does without us, at the same concurrency: asyncpg alone committing
    a report-sized row and its outbox row in one transaction, and bare acknowledged
    JetStream publishes of an envelope-sized message."""
    url = to_plain_postgres_url(stack.database_urls["intake"])
    pool = await asyncpg.create_pool(url, min_size=concurrency, max_size=concurrency)
    await pool.execute(floor.SCHEMA)
    body = json.dumps(REPORT)
    insert_latencies: list[float] = []

    async def insert_loop(deadline: float) -> None:
        while time.perf_counter() < deadline:
            t = time.perf_counter()
            async with pool.acquire() as connection:
                await floor.write_report(connection, body)
            insert_latencies.append(time.perf_counter() - t)

    started = time.perf_counter()
    await asyncio.gather(*(insert_loop(started + seconds) for _ in range(concurrency)))
    inserts = summary(insert_latencies, time.perf_counter() - started, 0)
    await pool.execute(floor.DROP)
    await pool.close()

    nc = await nats.connect(nats_url)
    js = nc.jetstream()
    await js.add_stream(name="BENCH", subjects=["bench.>"])
    payload = CloudEvent(source="/bench", type="bench.ref", data=REPORT).to_json()
    publish_latencies: list[float] = []

    async def publish_loop(deadline: float) -> None:
        while time.perf_counter() < deadline:
            t = time.perf_counter()
            await js.publish("bench.ref", payload, headers={"Nats-Msg-Id": uuid.uuid4().hex})
            publish_latencies.append(time.perf_counter() - t)

    started = time.perf_counter()
    await asyncio.gather(*(publish_loop(started + seconds) for _ in range(concurrency)))
    publishes = summary(publish_latencies, time.perf_counter() - started, 0)
    await js.delete_stream("BENCH")
    await nc.close()
    return {"asyncpg_transaction": inserts, "jetstream_publish": publishes}


def floor_endpoint(
    stack: Stack, tmp: Path, postgres_pid: int, measure: Measure, concurrency: int, seconds: float
) -> dict[str, Any]:
    """The floor of our own stack (`bench/floor.py`) under the registration's load: the
    same bodies, concurrency and driver, in rounds like the registration's. CPU counts the
    floor's process and PostgreSQL, the two a registration's floor needs."""
    from apik_shared.devstack.processes import free_port, spawn, stop, wait_for_port

    private, public = floor.signing_key()
    (tmp / "floor.pub").write_bytes(public)
    url = to_plain_postgres_url(stack.database_urls["intake"])

    async def schema(sql: str) -> None:
        connection = await asyncpg.connect(url)
        try:
            await connection.execute(sql)
        finally:
            await connection.close()

    asyncio.run(schema(floor.SCHEMA))
    port = free_port()
    process = spawn(
        [sys.executable, floor.__file__, "serve", str(port), url, str(tmp / "floor.pub")],
        log_file=tmp / "floor.log",
    )
    try:
        wait_for_port("127.0.0.1", port, timeout=30, process=process)
        meter = CpuMeter({"floor": lambda: process.pid, "postgres": lambda: postgres_pid})
        headers = {
            "authorization": f"Bearer {floor.token(private)}",
            "content-type": "application/json",
        }
        bodies = [json.dumps(r).encode() for r in distinct_reports(5000)]
        per_round = len(bodies) // ROUNDS
        rounds = []
        for n in range(ROUNDS):
            requests = [
                encode_request("POST", floor.PATH, port, body=b, headers=headers)
                for b in bodies[n * per_round : (n + 1) * per_round]
            ]
            meter.start()
            result = measure(port, requests, concurrency, seconds, per_round, 201)
            result["cpu_ms_per_request"] = meter.ms_per(result["sent"])
            if result["errors"]:
                # A reference answering errors would be fast and meaningless.
                raise RuntimeError(f"the floor endpoint answered errors: see {tmp}/floor.log")
            rounds.append(result)
        return _median_round(rounds)
    finally:
        stop(process)
        asyncio.run(schema(floor.DROP))


async def staff_token(stack: Stack) -> str:
    async with httpx.AsyncClient(base_url=stack.url, timeout=30) as client:
        admin = await client.post(
            "/api/v1/auth/token", data={"username": "admin", "password": ADMIN_PASSWORD}
        )
        headers = {"Authorization": f"Bearer {admin.json()['access_token']}"}
        created = await client.post(
            "/api/v1/auth/users",
            headers=headers,
            json={
                "username": "bench",
                "password": PASSWORD,
                "full_name": "Bench",
                "office": "PUSAT",
                "roles": ["intake_officer", "examiner"],
            },
        )
        assert created.status_code == 201, created.text
        token = await client.post(
            "/api/v1/auth/token", data={"username": "bench", "password": PASSWORD}
        )
        return str(token.json()["access_token"])


ROUNDS = 3


def registration(
    stack: Stack,
    token: str,
    measure: Measure,
    concurrency: int,
    seconds: float,
    meter: CpuMeter,
) -> dict[str, Any]:
    """POST /api/v1/intake/reports, direct to intake and through the gateway, in
    alternating rounds (direct, gateway, direct, ...), each with reports of its own: the
    ratio of each round to the one before it is taken while the machine, the table's size
    and the other jobs are about the same, and the median of those ratios is reported."""
    bodies = [json.dumps(r).encode() for r in distinct_reports(5000)]
    headers = {"authorization": f"Bearer {token}", "content-type": "application/json"}
    ports = {"direct": stack.ports["intake"], "gateway": stack.gateway_port}
    per_round = len(bodies) // (2 * ROUNDS)
    rounds: dict[str, list[dict[str, Any]]] = {"direct": [], "gateway": []}
    for n in range(2 * ROUNDS):
        name = "direct" if n % 2 == 0 else "gateway"
        port, path = ports[name], "/api/v1/intake/reports"
        requests = [
            encode_request("POST", path, port, body=b, headers=headers)
            for b in bodies[n * per_round : (n + 1) * per_round]
        ]
        meter.start()
        result = measure(port, requests, concurrency, seconds, per_round, 201)
        # The warm-up's requests count too: CPU per request over everything sent.
        result["cpu_ms_per_request"] = meter.ms_per(result["sent"])
        rounds[name].append(result)
    out: dict[str, Any] = {name: _median_round(r) for name, r in rounds.items()}
    pairs = list(zip(rounds["direct"], rounds["gateway"], strict=True))
    out["gateway_throughput_share"] = round(
        statistics.median(g["rps"] / d["rps"] for d, g in pairs), 3
    )
    out["gateway_added_p99_ms"] = round(
        statistics.median(g["p99_ms"] - d["p99_ms"] for d, g in pairs), 3
    )
    out["gateway_added_p50_ms"] = round(
        statistics.median(g["p50_ms"] - d["p50_ms"] for d, g in pairs), 3
    )
    return out


def _median_round(rounds: list[dict[str, Any]]) -> dict[str, Any]:
    """Each figure's median over the rounds; the rounds themselves alongside."""
    median: dict[str, Any] = {
        key: round(statistics.median(r[key] for r in rounds), 3)
        for key in ("rps", "p50_ms", "p99_ms")
    }
    median["errors"] = sum(r["errors"] for r in rounds)
    median["sent"] = sum(r["sent"] for r in rounds)
    cpu = [r["cpu_ms_per_request"] for r in rounds]
    median["cpu_ms_per_request"] = {
        process: round(statistics.median(c[process] for c in cpu), 2) for process in cpu[0]
    }
    median["rounds"] = rounds
    return median


async def verified_reports(stack: Stack, token: str, count: int) -> list[str]:
    """Reports registered and through both verifications, waiting for the plenary."""
    headers = {"Authorization": f"Bearer {token}"}
    limits = httpx.Limits(max_connections=32)
    async with httpx.AsyncClient(
        base_url=stack.url, headers=headers, timeout=30, limits=limits
    ) as client:
        people = iter(distinct_reports(count))

        async def verified() -> str:
            body = next(people)
            report = (await client.post("/api/v1/intake/reports", json=body)).json()
            for path, body in (
                ("formal-verification", FORMALLY_COMPLETE),
                ("material-verification", {"within_authority": True}),
            ):
                await client.post(f"/api/v1/intake/reports/{report['id']}/{path}", json=body)
            return str(report["id"])

        ids: list[str] = []
        for start in range(0, count, 32):
            ids += await asyncio.gather(*(verified() for _ in range(min(32, count - start))))
    return ids


async def handoff_latency(
    stack: Stack, token: str, ids: list[str], rate: float, meter: CpuMeter, pace: Pace
) -> dict[str, Any]:
    """Plenary accept → case opened, at a steady `rate` of accepts per second, sent by
    the lean driver from its own process (httpx here cost about 2 ms of CPU per accept,
    a tenth of the system's own, on the same two cores)."""
    port = stack.gateway_port
    headers = {"authorization": f"Bearer {token}", "content-type": "application/json"}
    body = json.dumps({"decision": "accept"}).encode()
    requests = [
        encode_request(
            "POST", f"/api/v1/intake/reports/{r}/plenary-decision", port, body=body, headers=headers
        )
        for r in ids
    ]
    meter.start()
    paced = await asyncio.to_thread(pace, port, requests, rate)
    assert not paced["unexpected"], paced["unexpected"][:3]
    sent = dict(zip(ids, paced["due"], strict=True))
    answered = dict(zip(ids, paced["answered"], strict=True))
    await _wait_for_cases(stack, ids, within=60)
    cpu = meter.ms_per(len(ids))
    relayed = await _relayed_at(stack, ids)
    opened = await _opened_at(stack, {relayed[r][2]: r for r in ids})
    latencies = [opened[r].timestamp() - sent[r] for r in ids]
    result = summary(latencies, 1.0, 0)
    stages = {
        "accept answered": [answered[r] - sent[r] for r in ids],
        "outbox → published": [relayed[r][1] - relayed[r][0] for r in ids],
        "published → case opened": [opened[r].timestamp() - relayed[r][1] for r in ids],
    }
    return {
        "handoffs": len(ids),
        "rate_per_second": rate,
        "p50_ms": result["p50_ms"],
        "p99_ms": result["p99_ms"],
        "max_ms": round(max(latencies) * 1000, 3),
        "stages_ms": {
            name: {k: summary(v, 1.0, 0)[k] for k in ("p50_ms", "p99_ms")}
            for name, v in stages.items()
        },
        "cpu_ms_per_handoff": cpu,
    }


async def _relayed_at(
    stack: Stack, report_ids: list[str], within: float = 60
) -> dict[str, tuple[float, float, str]]:
    """When each report's `report.verified` entered intake's outbox (the event's time),
    when the stream stored it, and the event's id. Read from the stream: published rows
    leave the outbox."""
    wanted = set(report_ids)
    found: dict[str, tuple[float, float, str]] = {}
    nc = await nats.connect(stack.nats_url)
    try:
        sub = await nc.jetstream().subscribe(
            subject_for("intake", "report.verified"), ordered_consumer=True
        )
        deadline = time.monotonic() + within
        while len(found) < len(wanted) and time.monotonic() < deadline:
            msg = await sub.next_msg(timeout=max(deadline - time.monotonic(), 0.1))
            event = CloudEvent.from_json(msg.data)
            if event.subject in wanted:
                stored = msg.metadata.timestamp.timestamp()
                found[event.subject] = (event.time.timestamp(), stored, event.id)
    finally:
        await nc.close()
    return found


async def _opened_at(stack: Stack, reports_by_event: dict[str, str]) -> dict[str, datetime]:
    """When examination opened each report's case: its handoff's inbox row, written in
    the opening's transaction. A case's `opened_at` is the plenary's decision (an office's
    history keeps its dates), so it says nothing of the handoff's latency."""
    conn = await asyncpg.connect(to_plain_postgres_url(stack.database_urls["examination"]))
    try:
        rows = await conn.fetch(
            "SELECT event_id, received_at FROM inbox WHERE event_id = ANY($1::text[])",
            list(reports_by_event),
        )
    finally:
        await conn.close()
    return {reports_by_event[row["event_id"]]: row["received_at"] for row in rows}


async def _wait_for_cases(
    stack: Stack, report_ids: list[str], within: float
) -> dict[str, datetime]:
    conn = await asyncpg.connect(to_plain_postgres_url(stack.database_urls["examination"]))
    try:
        deadline = time.monotonic() + within
        while True:
            rows = await conn.fetch(
                "SELECT report_id::text AS r, opened_at FROM examination_case "
                "WHERE report_id = ANY($1::uuid[])",
                report_ids,
            )
            if len(rows) == len(report_ids) or time.monotonic() > deadline:
                return {row["r"]: row["opened_at"] for row in rows}
            await asyncio.sleep(0.2)
    finally:
        await conn.close()


async def settle(stack: Stack, within: float = 300) -> None:
    """Waits until every outbox is empty of unsent events and every consumer has applied
    and acknowledged what the stream holds: a scenario timed while consumers still work
    through the one before it measures both."""
    deadline = time.monotonic() + within
    nc = await nats.connect(stack.nats_url)
    databases = [  # the gateway has no outbox
        await asyncpg.connect(to_plain_postgres_url(stack.database_urls[name]))
        for name in stack.processes.keys() - {"gateway"}
    ]
    try:
        js = nc.jetstream()
        while time.monotonic() < deadline:
            busy = sum(
                info.num_pending + info.num_ack_pending
                for info in await js.consumers_info(STREAM_NAME)
            )
            for conn in databases:
                busy += await conn.fetchval("SELECT count(*) FROM outbox WHERE sent_at IS NULL")
            if not busy:
                return
            await asyncio.sleep(0.5)
        raise TimeoutError(f"the system did not settle in {within:.0f} s")
    finally:
        await nc.close()
        for conn in databases:
            await conn.close()


async def outbox_drain(
    stack: Stack, nats_server: EmbeddedNats, count: int, meter: CpuMeter
) -> dict[str, Any]:
    """With NATS stopped, `count` handoffs wait in intake's outbox; then NATS starts."""
    nats_server.stop()
    now = datetime.now(UTC)
    rows = []
    for _ in range(count):
        report_id = str(uuid.uuid4())
        payload = ReportVerified(
            report_id=report_id,
            registration_number=f"BENCH-{report_id[:8]}",
            office="PUSAT",
            kind="LM",
            channel="web",
            substance="education",
            track="regular",
            reported_agency="Dinas",
            summary="bench",
            event_date=date(2026, 7, 15),
            reporter_id=str(uuid.uuid4()),
            confidential=False,
            registered_at=now,
            verified_at=now,
            decided_by="bench",
        )
        event = CloudEvent(
            source=source_of("intake"),
            type="report.verified",
            subject=report_id,
            data=payload.model_dump(mode="json"),
        )
        rows.append(
            (uuid.UUID(event.id), subject_for("intake", "report.verified"), event.to_json(), now)
        )
    intake = await asyncpg.connect(to_plain_postgres_url(stack.database_urls["intake"]))
    exam = await asyncpg.connect(to_plain_postgres_url(stack.database_urls["examination"]))
    try:
        await intake.copy_records_to_table(
            "outbox", records=rows, columns=["id", "subject", "payload", "created_at"]
        )
        before = await exam.fetchval("SELECT count(*) FROM examination_case")
        meter.start()
        started = time.monotonic()
        nats_server.start()
        while await exam.fetchval("SELECT count(*) FROM examination_case") < before + count:
            if time.monotonic() - started > 1800:
                raise TimeoutError("the outbox did not drain in 30 minutes")
            await asyncio.sleep(0.2)
        elapsed = time.monotonic() - started
        cpu = meter.ms_per(count)
    finally:
        await intake.close()
        await exam.close()
    return {
        "events": count,
        "seconds": round(elapsed, 2),
        "events_per_second": round(count / elapsed, 1),
        "cpu_ms_per_event": cpu,
    }


async def run_all(tmp: Path, args: Any, *, measure: Measure, pace: Pace) -> dict[str, Any]:
    postgres = EmbeddedPostgres(tmp / "postgres").start()
    nats_server = EmbeddedNats(tmp / "nats").start()
    from apik_shared.devstack.processes import free_port

    stack = Stack(
        postgres_admin_url=postgres.admin_url,
        nats_url=nats_server.url,
        state_dir=tmp / "state",
        gateway_port=free_port(),
        admin_password=ADMIN_PASSWORD,
    )
    try:
        await stack.prepare()
        await asyncio.to_thread(stack.start)
        pids = {name: p.pid for name, p in stack.processes.items()}
        pids.update(
            postgres=postgres.process.pid if postgres.process else 0,
            nats=nats_server.process.pid if nats_server.process else 0,
        )
        token = await staff_token(stack)
        meter = CpuMeter(
            {name: (lambda pid=pid: pid) for name, pid in pids.items() if name != "nats"}
            | {"nats": lambda: nats_server.process.pid if nats_server.process else 0}
        )
        sampler = MemorySampler(pids)
        results: dict[str, Any] = {"memory_idle_mb": sampler.snapshot()}
        results["reference"] = await physical_reference(
            stack, nats_server.url, args.seconds, args.concurrency
        )
        results["floor"] = await asyncio.to_thread(
            floor_endpoint,
            stack,
            tmp,
            pids["postgres"],
            measure,
            args.concurrency,
            args.seconds,
        )
        with sampler:
            results["registration"] = await asyncio.to_thread(
                registration, stack, token, measure, args.concurrency, args.seconds, meter
            )
            ids = await verified_reports(stack, token, args.handoffs)
            await settle(stack)  # the preparation's events are applied before the clock starts
            rate = args.handoff_rate
            results["handoff"] = await handoff_latency(stack, token, ids, rate, meter, pace)
        results["memory_peak_under_load_mb"] = sampler.peak_mb()
        await settle(stack)
        results["outbox_drain"] = await outbox_drain(stack, nats_server, args.drain, meter)
        stack.stop()  # what follows measures the gateway alone, on a quiet machine
        results["gateway_forwarding"] = await asyncio.to_thread(
            gateway_forwarding.forwarding,
            tmp,
            admin_url=postgres.admin_url,
            seconds=args.seconds,
            concurrencies=[1, args.concurrency],
            max_requests=100_000,
        )
        return results
    finally:
        stack.stop()
        nats_server.stop()
        postgres.stop()
