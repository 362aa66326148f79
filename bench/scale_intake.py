"""Intake at scale: an archive of reports as intake stores them, and the duplicate search.

The archive is loaded with COPY into intake's own tables (migrated by the service's own
migrations), with the secondary indexes dropped during the load and rebuilt from their
own definitions afterwards: that is how a restore is done, and ten times faster than
loading through the indexes. Encrypted identities hold random bytes of the right shape
(nothing here decrypts them); the blind indexes are the service's own (`blind_index`,
with the bench's key), so that a probe's reporter is recognised as registration does.

The timed code is registration's one write with its duplicate search
(`reports.service.writing.write_registration`), given the rows registration's own
builders make, in a transaction rolled back after each probe.
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import os
import time
from collections import deque
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any

import asyncpg

from apik_intake.duplicates.rules import text_bands
from apik_intake.duplicates.service import candidate_parameters
from apik_intake.notifications.service import registered_notification
from apik_intake.reporters.rules import Identity, blind_index, index_key
from apik_intake.reporters.service import recognise_reporter
from apik_intake.reports.schemas import AgencyIn, ReportCreate, ReporterIn
from apik_intake.reports.service.registration import first_step, registered_event, report_row
from apik_intake.reports.service.writing import write_registration
from apik_shared.platform.auth import Principal
from apik_shared.platform.crypto import FieldCipher, development_keyring
from apik_shared.platform.db import Database, driver_connection
from apik_shared.platform.events.outbox import Outbox
from bench.scale_corpus import LARGE_OFFICE, Corpus, Generated

REPORT_COLUMNS = [
    "id",
    "office",
    "registration_number",
    "kind",
    "channel",
    "status",
    "track",
    "reporter_id",
    "confidential",
    "reported_agency",
    "agency_type",
    "substance",
    "summary",
    "chronology",
    "event_date",
    "maladministration",
    "question",
    "answer",
    "answered_at",
    "addressed_to",
    "linked_report_id",
    "link_type",
    "text_bands",
    "represented",
    "flags",
    "created_by",
    "received_at",
    "created_at",
    "updated_at",
    "version",
    "rejection_reason",
]
REPORTER_COLUMNS = [
    "id",
    "office",
    "identity",
    "person_id",
    "nik_index",
    "phone_index",
    "email_index",
    "matched_on",
    "created_at",
]
STEP_COLUMNS = ["report_id", "step", "to_status", "actor", "details", "at"]
CHUNK = 50_000


INDEX_KEY = index_key("bench")


def _phone(person_key: int) -> str:
    """The person's phone, as the schema normalises it (E.164)."""
    return f"+62812{person_key:08d}"


def _blind(person_key: int, field: str) -> str:
    # The phone is what a probe gives (a valid NIK encodes a region and a birth date
    # the corpus does not draw); the NIK's index only has its shape.
    value = _phone(person_key) if field == "phone" else f"{person_key:016d}"
    return blind_index(INDEX_KEY, field, value)


def _sealed() -> str:
    return "k1:" + base64.urlsafe_b64encode(os.urandom(12 + 180 + 16)).decode()


def _signatures(texts: list[str | None]) -> list[list[int] | None]:
    """What registration stores (`duplicates.service.signature`); consultations are never
    searched."""
    return [None if t is None else text_bands(t) for t in texts]


def _rows(
    reports: list[Generated], bands: list[list[int] | None]
) -> tuple[list[tuple[Any, ...]], ...]:
    reporters, rows, steps = [], [], []
    for g, signature in zip(reports, bands, strict=True):
        matched = json.dumps(["phone"] if g.repeat else [])
        reporters.append(
            (
                g.reporter_id,
                g.office,
                _sealed(),
                g.person_id,
                _blind(g.person_key, "nik"),
                _blind(g.person_key, "phone"),
                None,
                matched,
                g.created_at,
            )
        )
        knl, copy = g.kind == "KNL", g.kind == "TEMBUSAN"
        decided = g.verified_at or g.rejected_at or g.withdrawn_at or g.answered_at
        rows.append(
            (
                g.id,
                g.office,
                g.number,
                g.kind,
                g.channel,
                g.status,
                "regular" if g.verified_at else None,
                g.reporter_id,
                False,
                g.agency,
                g.agency_type,
                g.substance,
                g.summary,
                None if knl else g.chronology,
                g.event_date,
                json.dumps(g.maladministration),
                g.chronology if knl else None,
                "Dijawab di tempat." if knl else None,
                g.answered_at,
                g.agency if copy else None,
                g.linked_report_id,
                g.link_type,
                signature,
                False,
                "[]",
                "pvl",
                g.created_at,
                g.created_at,
                decided or g.created_at,
                1,
                "Bukan kewenangan Ombudsman." if g.rejected_at else None,
            )
        )
        steps.append((g.id, "registered", "registered", "pvl", "{}", g.created_at))
    return reporters, rows, steps


async def _secondary_indexes(conn: asyncpg.Connection, tables: list[str]) -> list[str]:
    """Definitions of the indexes that back no constraint (those COPY can do without)."""
    rows = await conn.fetch(
        """
        SELECT pg_get_indexdef(i.indexrelid) AS definition
        FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
        WHERE t.relname = ANY($1::text[])
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
        """,
        tables,
    )
    return [row["definition"] for row in rows]


async def _rebuild_indexes(url: str, definitions: list[str]) -> None:
    """Two at a time (two cores), the largest (the GIN ones) first."""
    queue = sorted(definitions, key=lambda d: "gin" not in d)

    async def worker() -> None:
        conn = await asyncpg.connect(url)
        try:
            await conn.execute("SET maintenance_work_mem = '512MB'")
            while queue:
                await conn.execute(queue.pop(0))
        finally:
            await conn.close()

    await asyncio.gather(worker(), worker())


async def _copy(
    conn: asyncpg.Connection,
    chunk: list[Generated],
    signatures: asyncio.Future[list[list[int] | None]],
) -> list[Generated]:
    reporters, rows, steps = _rows(chunk, await signatures)
    await conn.copy_records_to_table("reporter", records=reporters, columns=REPORTER_COLUMNS)
    await conn.copy_records_to_table("report", records=rows, columns=REPORT_COLUMNS)
    await conn.copy_records_to_table("report_step", records=steps, columns=STEP_COLUMNS)
    return chunk


async def _load(conn: asyncpg.Connection, archive: Iterator[Generated]) -> list[Generated]:
    """COPY chunk after chunk. The signatures are computed in two other processes while
    this one draws the next chunk and PostgreSQL loads the previous one."""
    loop = asyncio.get_running_loop()
    kept: list[Generated] = []
    pending: deque[tuple[list[Generated], asyncio.Future[list[list[int] | None]]]] = deque()
    with ProcessPoolExecutor(max_workers=2) as pool:
        while chunk := list(itertools.islice(archive, CHUNK)):
            texts = [
                None if g.kind == "KNL" else f"{g.summary} {g.chronology}".lower() for g in chunk
            ]
            pending.append((chunk, loop.run_in_executor(pool, _signatures, texts)))
            if len(pending) == 2:
                kept += await _copy(conn, *pending.popleft())
        while pending:
            kept += await _copy(conn, *pending.popleft())
    return kept


async def seed(url: str, corpus: Corpus, count: int) -> dict[str, Any]:
    """Loads `count` reports; returns the reports' lifecycles for the event stream and
    the timings."""
    started = time.monotonic()
    conn = await asyncpg.connect(url)
    try:
        definitions = await _secondary_indexes(conn, ["report", "reporter", "report_step"])
        for definition in definitions:
            name = definition.split(" INDEX ", 1)[1].split(" ON ", 1)[0]
            await conn.execute(f"DROP INDEX {name}")
        kept = await _load(conn, corpus.archive(count))
        loaded = time.monotonic()
        await _rebuild_indexes(url, definitions)
        indexed = time.monotonic()
        await conn.execute("VACUUM (ANALYZE) report, reporter, report_step")
    finally:
        await conn.close()
    return {
        "reports": kept,
        "timing": {
            "load_seconds": round(loaded - started, 1),
            "index_seconds": round(indexed - loaded, 1),
            "vacuum_analyze_seconds": round(time.monotonic() - indexed, 1),
        },
    }


def probes(corpus: Corpus, count: int) -> list[Generated]:
    """New reports arriving at the large office after the archive: some fresh, some
    re-sent letters and copies, some from its regular reporters (as the corpus mixes)."""
    at = datetime.now(UTC).replace(microsecond=0)
    found: list[Generated] = []
    while len(found) < count:
        g = corpus.report(at + timedelta(minutes=len(found)), office=LARGE_OFFICE)
        if g.kind != "KNL":  # registration searches no duplicates for consultations
            found.append(g)
    return found


def _request(g: Generated) -> ReportCreate:
    """The registration request of a probe. A copy's link to its report is published
    after the write (`publish_link`), so it is left out: it is not what is timed."""
    return ReportCreate.model_validate(
        {
            "kind": g.kind,
            "channel": g.channel,
            "reporter": ReporterIn(name="Pelapor Bench", phone=_phone(g.person_key)),
            "reported_agency": AgencyIn.model_validate({"name": g.agency, "type": g.agency_type}),
            "substance": g.substance,
            "summary": g.summary,
            "chronology": g.chronology,
            "event_date": g.event_date,
            "maladministration": g.maladministration,
            "addressed_to": g.agency if g.kind == "TEMBUSAN" else None,
        }
    )


async def time_registration_write(
    url: str, reports: list[Generated], window_days: int = 180
) -> dict[str, Any]:
    """Each new report registered as `register_report` does it: the reporter recognised,
    the rows built by registration's own builders, then its one write (the rows, the
    event's outbox row, the duplicate search storing its candidates) timed; then rolled
    back, so every probe meets the same archive."""
    database = Database(url, pool_size=2)
    cipher = FieldCipher(development_keyring("bench"))
    outbox = Outbox("intake")
    actor = Principal(subject="bench", username="bench", office=LARGE_OFFICE)
    latencies: list[float] = []
    found: list[int] = []
    try:
        for g in reports:
            data = _request(g)
            async with database.sessions() as session, session.begin():
                connection = await driver_connection(session, generic_plans=True)
                reporter = await recognise_reporter(
                    session=session,
                    cipher=cipher,
                    index_key=INDEX_KEY,
                    office=g.office,
                    identity=Identity(name="Pelapor Bench", phone=_phone(g.person_key)),
                )
                now = datetime.now(UTC)
                row = report_row(
                    data,
                    actor,
                    reporter_id=reporter.id,
                    received=now,
                    received_on=now.date(),
                    now=now,
                    age_limit_years=2,
                )
                event, _ = registered_event(outbox, row, at=now)
                notification = registered_notification(
                    cipher=cipher,
                    report_id=row["id"],
                    office=row["office"],
                    status=row["status"],
                    reporter=data.reporter,
                )
                search = candidate_parameters(
                    row, person_id=reporter.person_id, window_days=window_days
                )
                t = time.perf_counter()
                stored = await write_registration(
                    connection,
                    reporter=reporter.row,
                    report=row,
                    step=first_step(row, actor=actor, at=now),
                    notification=notification,
                    event=event,
                    search=search,
                )
                latencies.append(time.perf_counter() - t)
                found.append(stored)
                await session.rollback()
    finally:
        await database.dispose()
    return {"latencies": latencies, "candidates": found}
