"""The measurements of `bench/run.py`, each against the running embedded system."""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import time
import uuid
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import nats

from apik_shared.devstack.infra import EmbeddedNats, EmbeddedPostgres
from apik_shared.devstack.stack import Stack
from apik_shared.platform.events.envelope import STREAM_NAME, CloudEvent, source_of, subject_for
from apik_shared.platform.events.payloads import ReportVerified
from apik_shared.platform.settings import to_plain_postgres_url
from bench import gateway_forwarding
from bench.bodies import ADMIN_PASSWORD, FORMALLY_COMPLETE, PASSWORD, distinct_reports
from bench.driver import encode_request, summary
from bench.meters import ROUNDS, CpuMeter, Measure, MemorySampler, Pace, median_round
from bench.references import floor_endpoint, physical_reference
from bench.round_trip import round_trips


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
    return await bench_token(stack)


async def bench_token(stack: Stack) -> str:
    """A fresh access token of the bench's user: one lives five minutes, and on a loaded
    machine the scenarios before the handoff outlast it."""
    async with httpx.AsyncClient(base_url=stack.url, timeout=30) as client:
        token = await client.post(
            "/api/v1/auth/token", data={"username": "bench", "password": PASSWORD}
        )
        return str(token.json()["access_token"])


def registration(
    stack: Stack,
    token: str,
    measure: Measure,
    concurrency: int,
    seconds: float,
    meter: CpuMeter,
) -> dict[str, Any]:
    """POST /api/v1/intake/reports, direct to intake and through the gateway, in
    alternating rounds that start and end direct (direct, gateway, ..., gateway, direct),
    each with reports of its own. Each gateway round is compared with the mean of the
    direct rounds either side of it: the table grows by every round's reports and
    PostgreSQL's cost per registration with it, so a gateway round compared with the
    round before it alone would carry that growth as the gateway's cost. The median of
    those ratios is reported."""
    bodies = [json.dumps(r).encode() for r in distinct_reports(5000)]
    headers = {"authorization": f"Bearer {token}", "content-type": "application/json"}
    ports = {"direct": stack.ports["intake"], "gateway": stack.gateway_port}
    per_round = len(bodies) // (2 * ROUNDS + 1)
    rounds: dict[str, list[dict[str, Any]]] = {"direct": [], "gateway": []}
    for n in range(2 * ROUNDS + 1):
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
    out: dict[str, Any] = {name: median_round(r) for name, r in rounds.items()}
    direct, gateway = rounds["direct"], rounds["gateway"]

    def around(i: int, key: str) -> float:
        """The direct rounds' figure either side of gateway round `i`, averaged."""
        return float(direct[i][key] + direct[i + 1][key]) / 2

    out["gateway_throughput_share"] = round(
        statistics.median(g["rps"] / around(i, "rps") for i, g in enumerate(gateway)), 3
    )
    for key, figure in (("gateway_added_p99_ms", "p99_ms"), ("gateway_added_p50_ms", "p50_ms")):
        out[key] = round(
            statistics.median(g[figure] - around(i, figure) for i, g in enumerate(gateway)), 3
        )
    return out


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
            registered = await client.post("/api/v1/intake/reports", json=body)
            assert registered.status_code == 201, registered.text
            report = registered.json()
            for path, body in (
                ("formal-verification", FORMALLY_COMPLETE),
                ("material-verification", {"within_authority": True}),
            ):
                step = await client.post(f"/api/v1/intake/reports/{report['id']}/{path}", json=body)
                assert step.status_code == 200, step.text
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
        # The system's own CPU over the paced load's span (CPU per handoff x rate), as a
        # share of the machine: the handoff's target holds under half busy.
        "cores": os.cpu_count() or 1,
        "machine_busy_share": round(sum(cpu.values()) * rate / 1000 / (os.cpu_count() or 1), 3),
    }


# The handoff's target holds "at a load that keeps the machine under half busy": unless
# given one, its rate is the one that keeps the system's own CPU at this share of the
# machine, by the CPU per handoff a first, slow round measures (its idle work included,
# so the share it reaches is lower still: the run reports it).
HANDOFF_BUSY_SHARE = 0.35
CALIBRATION_RATE = 10.0


def calibration_count(handoffs: int) -> int:
    return max(10, handoffs // 5)


async def handoff_rate(
    stack: Stack, token: str, ids: list[str], meter: CpuMeter, pace: Pace
) -> dict[str, Any]:
    """The rate that keeps the machine `HANDOFF_BUSY_SHARE` busy, from `ids` handed off
    at `CALIBRATION_RATE`."""
    calibration = await handoff_latency(stack, token, ids, CALIBRATION_RATE, meter, pace)
    cpu = sum(calibration["cpu_ms_per_handoff"].values())
    cores = os.cpu_count() or 1
    rate = HANDOFF_BUSY_SHARE * cores * 1000 / cpu if cpu else 100.0
    return {
        "calibration": calibration,
        "busy_share_aimed": HANDOFF_BUSY_SHARE,
        "rate_per_second": round(max(5.0, min(200.0, rate)), 1),
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
                (info.num_pending or 0) + (info.num_ack_pending or 0)
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
    """With NATS stopped, `count` handoffs wait in intake's outbox; then NATS starts.

    The rate counts from NATS's start, so it includes the server's own start and the
    services' reconnection (a fixed half second or more, most of a small drain); the
    timeline beside it says when the first and the last of the events reached the stream,
    and the rate from the first one stored to the last case."""
    nc = await nats.connect(nats_server.url)
    try:
        before_seq = (await nc.jetstream().stream_info(STREAM_NAME)).state.last_seq
    finally:
        await nc.close()
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
        started, started_at = time.monotonic(), time.time()
        nats_server.start()
        while await exam.fetchval("SELECT count(*) FROM examination_case") < before + count:
            if time.monotonic() - started > 1800:
                raise TimeoutError("the outbox did not drain in 30 minutes")
            await asyncio.sleep(0.05)
        elapsed = time.monotonic() - started
        cpu = meter.ms_per(count)
    finally:
        await intake.close()
        await exam.close()
    first, last = await _stored_span(nats_server.url, before_seq + 1)
    steady = elapsed - (first - started_at)
    return {
        "events": count,
        "seconds": round(elapsed, 2),
        "events_per_second": round(count / elapsed, 1),
        "cpu_ms_per_event": cpu,
        "first_stored_after_s": round(first - started_at, 3),
        "last_stored_after_s": round(last - started_at, 3),
        "events_per_second_from_first_stored": round(count / steady, 1) if steady > 0 else None,
        "relay_events_per_second": round(count / (last - first), 1) if last > first else None,
    }


async def _stored_span(nats_url: str, first_seq: int) -> tuple[float, float]:
    """When the stream stored the drain's first message and its last handoff."""
    nc = await nats.connect(nats_url)
    try:
        js = nc.jetstream()
        first = await js.get_msg(STREAM_NAME, seq=first_seq)
        last = await js.get_msg(STREAM_NAME, subject=subject_for("intake", "report.verified"))
        assert first.time is not None and last.time is not None
        return first.time.timestamp(), last.time.timestamp()
    finally:
        await nc.close()


# What `bench/run.py --only` may pick; the bare references are measured in every run.
SCENARIOS = ("floor", "registration", "handoff", "drain", "forwarding")


async def run_all(tmp: Path, args: Any, *, measure: Measure, pace: Pace) -> dict[str, Any]:
    only = set(getattr(args, "only", SCENARIOS))
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
        for attempt in range(60):  # a loaded machine: PostgreSQL may still be starting up
            try:
                await stack.prepare()
                break
            except asyncpg.CannotConnectNowError:
                if attempt == 59:
                    raise
                await asyncio.sleep(1)
        # Up to ten minutes: on a machine other jobs load, eight processes start slowly.
        await asyncio.to_thread(stack.start, timeout=600)
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
        if "floor" in only:
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
            if "registration" in only:
                token = await bench_token(stack)
                results["registration"] = await asyncio.to_thread(
                    registration, stack, token, measure, args.concurrency, args.seconds, meter
                )
            if "handoff" in only:
                handoff = await _handoff(stack, args, meter, pace, nats_server.url)
                results["reference"]["round_trip"] = handoff.pop("round_trip")
                results.update(handoff)
        results["memory_peak_under_load_mb"] = sampler.peak_mb()
        if "drain" in only:
            await settle(stack)
            results["outbox_drain"] = await outbox_drain(stack, nats_server, args.drain, meter)
        stack.stop()  # what follows measures the gateway alone, on a quiet machine
        if "forwarding" in only:
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


async def _handoff(
    stack: Stack, args: Any, meter: CpuMeter, pace: Pace, nats_url: str
) -> dict[str, Any]:
    """The handoff at the rate that keeps the machine about a third busy (unless given
    one), after its reference, the bare round trip, at that rate and count."""
    out: dict[str, Any] = {}
    calibrating = 0 if args.handoff_rate else calibration_count(args.handoffs)
    token = await bench_token(stack)
    ids = await verified_reports(stack, token, args.handoffs + calibrating)
    await settle(stack)  # the preparation's events are applied before the clock starts
    rate = args.handoff_rate
    if not rate:
        chosen = await handoff_rate(stack, token, ids[:calibrating], meter, pace)
        out["handoff_rate"] = chosen
        rate, ids = chosen["rate_per_second"], ids[calibrating:]
        await settle(stack)
    token = await bench_token(stack)
    # The handoff's reference, at its rate and count, just before it.
    out["round_trip"] = await round_trips(nats_url, args.handoffs, rate)
    out["handoff"] = await handoff_latency(stack, token, ids, rate, meter, pace)
    return out
