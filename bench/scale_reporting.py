"""Reporting at scale: the read model of a million reports, its queries, the rebuild.

The read model is seeded by the service's own projection
(`apik_reporting.read_model.service`): every generated event goes through
`projection.project_into`, which decides the upserts, each date in its office's zone as
the database's office registry holds it; `writes.Writes` keeps them, and they run in
bulk as the live consumer runs a batch's (the very statements the
projection built, each upsert's rows as one JSON parameter), one connection per fact table. The
projection's upserts converge whatever the order of events (see `projection.py`), so
running them grouped by statement gives the rows the live consumer would have written.
The rebuild replays a sample of the same events from NATS with the real rebuild code,
into a second database, and the facts it writes are compared with the seeded ones.
"""

from __future__ import annotations

import asyncio
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterable
from datetime import date, datetime
from typing import Any

import asyncpg
import nats
import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import asyncpg as asyncpg_dialect
from sqlalchemy.ext.asyncio import AsyncSession

from apik_reporting.breakdowns.rules import Dimension
from apik_reporting.breakdowns.service import breakdown
from apik_reporting.jobs import fold_once
from apik_reporting.kpis import service as kpis
from apik_reporting.read_model.service.projection import Calendars, project_into
from apik_reporting.read_model.service.rebuild import rebuild
from apik_reporting.read_model.service.writes import Writes, rounds
from apik_reporting.settings import Settings
from apik_reporting.staff.service import rollup, staff_activity
from apik_shared.platform.bulk import as_json
from apik_shared.platform.db import Database
from apik_shared.platform.events.bus import ensure_stream
from apik_shared.platform.events.envelope import CloudEvent, subject_for
from apik_shared.platform.offices import office_calendars, office_registry
from bench.scale_vocabulary import OFFICES

_DIALECT = asyncpg_dialect.dialect()
FACT_KEYS = {
    "report_fact": "report_id",
    "case_fact": "case_id",
    "visit_fact": "visit_id",
    "survey_fact": "case_id",
}


async def _run(conn: asyncpg.Connection, statement: sa.Insert, rows: list[dict[str, Any]]) -> None:
    compiled = statement.compile(dialect=_DIALECT)
    names = compiled.positiontup or []
    if not isinstance(statement, sa.Insert):
        await conn.executemany(str(compiled), [tuple(row.get(n) for n in names) for row in rows])
        return
    for some in rounds(statement, rows):  # as `Writes.run` does
        columns = as_json(some)
        await conn.execute(str(compiled), *(columns[name] for name in names))


async def calendars(url: str) -> Calendars:
    """The calendar of every office in the database's office registry, read once (the
    live consumer reads those of a batch's offices per batch: `calendars_for`)."""
    database = Database(url, pool_size=1)
    try:
        async with database.sessions() as session:
            codes = list(await session.scalars(sa.select(office_registry.c.code)))
            return await office_calendars(session, codes)
    finally:
        await database.dispose()


async def apply_in_bulk(pool: asyncpg.Pool, events: Iterable[CloudEvent], zones: Calendars) -> int:
    """Projects `events` and writes the result; one connection per fact table."""
    recorder = Writes()
    count = 0
    for event in events:
        await project_into(recorder, event, zones)
        count += 1
    by_table: dict[str, list[tuple[sa.Insert, list[dict[str, Any]]]]] = defaultdict(list)
    for statement, rows in recorder.calls.items():
        assert isinstance(statement, sa.Insert), statement  # the projection only inserts
        by_table[statement.table.name].append((statement, rows))

    async def write(work: list[tuple[sa.Insert, list[dict[str, Any]]]]) -> None:
        async with pool.acquire() as conn:
            for statement, rows in work:
                await _run(conn, statement, rows)

    await asyncio.gather(*(write(work) for work in by_table.values()))
    return count


async def seed(url: str, chunks: Iterable[list[CloudEvent]]) -> dict[str, Any]:
    """Projects `chunks` into the read model at `url`, in the zones of the offices its
    registry holds (registered before: `scale_infra.register_offices`)."""
    started = time.monotonic()
    events = 0
    zones = await calendars(url)
    pool = await asyncpg.create_pool(url, min_size=3, max_size=3)
    try:
        for chunk in chunks:
            events += await apply_in_bulk(pool, chunk, zones)
        projected = time.monotonic()
        # What the service's fold job does every few minutes (`jobs.py`): the rows each
        # seeding connection wrote become one per cell.
        database = Database(url, pool_size=1)
        try:
            folded_rows = await fold_once(database)
        finally:
            await database.dispose()
        folded = time.monotonic()
        async with pool.acquire() as conn:
            await conn.execute(f"VACUUM (ANALYZE) {', '.join(FACT_KEYS)}, fact_month")
            rows = {
                t: await conn.fetchval(f"SELECT count(*) FROM {t}")
                for t in [*FACT_KEYS, "fact_month"]
            }
    finally:
        await pool.close()
    return {
        "events": events,
        "rows": rows,
        "project_seconds": round(projected - started, 1),
        "fold_seconds": round(folded - projected, 1),
        "folded_rows": folded_rows,
        "vacuum_analyze_seconds": round(time.monotonic() - folded, 1),
    }


async def set_targets(url: str, years: Iterable[int]) -> None:
    """Every office's annual targets, as heads enter them (through the service)."""
    database = Database(url, pool_size=1)
    try:
        async with database.sessions() as session, session.begin():
            for year in years:
                for office, (weight, _) in OFFICES.items():
                    scale = weight * 1000
                    await kpis.set_targets(
                        session=session,
                        office=office,
                        year=year,
                        actor="bench",
                        targets={
                            "knl_recorded": round(scale * 0.4),
                            "lm_registered": round(scale * 2),
                            "reports_handed_over": round(scale * 0.7),
                            "reports_closed": round(scale * 0.6),
                            "closed_within_sla_pct": 80,
                            "avg_working_days_to_close": 50,
                            "desk_visits": round(scale * 0.3),
                            "desk_avg_rating": 4.2,
                        },
                    )
    finally:
        await database.dispose()


Query = Callable[[AsyncSession], Awaitable[Any]]


def _breakdown(dimension: Dimension, year: int, office: str | None) -> Query:
    return lambda s: breakdown(session=s, dimension=dimension, year=year, office=office)


def queries(year: int, office: str) -> dict[str, Query]:
    """What the KPI routes run, by name: the service functions the routes call."""
    out: dict[str, Query] = {
        "kpis, one office": lambda s: kpis.kpis(session=s, year=year, office=office),
        "kpis, every office (national)": lambda s: kpis.kpis(session=s, year=year, office=None),
        "rollup (each office, then national)": lambda s: rollup(session=s, year=year),
        "staff, one office": lambda s: staff_activity(session=s, year=year, office=office),
    }
    for dimension in Dimension:
        for scope, name in ((office, "one office"), (None, "national")):
            out[f"breakdown {dimension.value}, {name}"] = _breakdown(dimension, year, scope)
    return out


async def time_queries(url: str, named: dict[str, Query], rounds: int) -> dict[str, list[float]]:
    """Each query `rounds` times (after one warm-up), each in its own session as a
    request has; the queries take turns so a noisy moment hits them all alike."""
    database = Database(url, pool_size=2)
    latencies: dict[str, list[float]] = {name: [] for name in named}
    try:
        for n in range(rounds + 1):
            for name, query in named.items():
                async with database.sessions() as session:
                    t = time.perf_counter()
                    await query(session)
                    elapsed = time.perf_counter() - t
                    await session.rollback()
                if n:
                    latencies[name].append(elapsed)
    finally:
        await database.dispose()
    return latencies


async def publish(nats_url: str, events: list[CloudEvent]) -> None:
    nc = await nats.connect(nats_url)
    try:
        js = nc.jetstream()
        await ensure_stream(js)
        for start in range(0, len(events), 500):
            await asyncio.gather(
                *(
                    js.publish(
                        subject_for(e.producer, e.type), e.to_json(), headers={"Nats-Msg-Id": e.id}
                    )
                    for e in events[start : start + 500]
                )
            )
    finally:
        await nc.close()


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime | date) else value


async def _facts(url: str, table: str, keys: list[str]) -> dict[str, dict[str, Any]]:
    conn = await asyncpg.connect(url)
    try:
        key = FACT_KEYS[table]
        rows = await conn.fetch(f"SELECT * FROM {table} WHERE {key} = ANY($1::text[])", keys)
    finally:
        await conn.close()
    return {row[key]: {k: _plain(v) for k, v in row.items()} for row in rows}


async def rebuild_rate(
    settings: Settings, plain_url: str, seeded_url: str, events: list[CloudEvent]
) -> dict[str, Any]:
    """Publishes `events`, rebuilds the read model of `settings` from the stream, and
    checks that it holds the rows the bulk seeding wrote for the same events."""
    started = time.monotonic()
    await publish(settings.nats_url, events)
    published = time.monotonic() - started

    class Quiet:
        def write(self, _: str) -> int:
            return 0

        def flush(self) -> None:
            pass

    replay = await rebuild(settings, out=Quiet(), every=10_000)  # type: ignore[arg-type]
    same = True
    for table, key in FACT_KEYS.items():
        ids = sorted({e.subject for e in events if e.subject and _table_of(e) == table})
        rebuilt = await _facts(plain_url, table, ids)
        seeded = await _facts(seeded_url, table, ids)
        same = same and rebuilt == seeded and len(rebuilt) == len(ids)
        del key
    return {
        "events": len(events),
        "publish_seconds": round(published, 1),
        "replayed": replay.messages,
        "applied": replay.applied,
        "seconds": round(replay.seconds, 1),
        "events_per_second": round(replay.rate),
        "facts_equal_to_seeded": same,
    }


def _table_of(event: CloudEvent) -> str | None:
    if event.type.startswith(("report.", "consultation.")):
        return "report_fact"
    if event.type in ("case.opened", "case.closed"):
        return "case_fact"
    if event.type == "case.surveyed":
        return "survey_fact"
    if event.type in ("visit.ended", "visit.completed"):
        return "visit_fact"
    return None
