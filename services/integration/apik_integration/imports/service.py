"""Imports of an office's old records: the upload checked at once (the dry run, nothing
sent anywhere), then, on request, its valid rows handed to intake one event each by the
import job, in batches, each row marked in the transaction that publishes it: a run
stopped anywhere resumes with the rows not yet marked, and none goes twice.

Each row's record is sealed with the service's keyring while it waits here, and with
the keyring shared with intake (`APIK_TRANSFER_KEYS`) on its way; once sent, it is
dropped here, and the upload itself when the run ends."""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import and_, delete, exists, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from apik_integration.imports import rules
from apik_integration.imports.rules import RowError
from apik_integration.models import ImportJob, ImportRow
from apik_shared.platform.auth import Principal
from apik_shared.platform.crypto import FieldCipher
from apik_shared.platform.events.outbox import Outgoing
from apik_shared.platform.events.payloads.integration import ImportRowReady, record_context
from apik_shared.platform.events.publish import publish_many
from apik_shared.platform.offices import office_calendar
from apik_shared.platform.pagination import newest_first_page
from apik_shared.platform.problems import Conflict, InvalidInput, NotFound
from apik_shared.vocabulary.calendar import OfficeCalendar
from apik_shared.vocabulary.field_errors import invalid

XLSX_MAGIC = b"PK\x03\x04"
INSERT_CHUNK = 1000


class ImportsNotConfigured(Conflict):
    slug, title = "imports-not-configured", "Imports are not configured (APIK_TRANSFER_KEYS)"


@dataclass(frozen=True)
class Progress:
    waiting: int  # valid rows not yet handed to intake
    sent: int
    invalid: int


def _format(filename: str, content: bytes) -> rules.Format:
    """By content first (an XLSX is a zip), the name's extension second."""
    if content.startswith(XLSX_MAGIC):
        return rules.Format.xlsx
    if filename.lower().endswith(".xlsx"):
        raise InvalidInput.field(
            "#/file", "The file is named .xlsx but is no workbook.", code="not_a_workbook"
        )
    return rules.Format.csv


def _checked_mapping(given: Mapping[str, str] | None, headers: list[str]) -> dict[str, str]:
    mapping = dict(given) if given else rules.default_mapping(headers)
    problems = rules.mapping_problems(mapping, headers)
    if problems:
        # A mapped field's header the sheet lacks, else a required field left unmapped.
        raise InvalidInput.each(
            [
                (
                    f"#/mapping/{field}",
                    invalid("no_such_column", why, column=mapping[field])
                    if field in mapping
                    else invalid("missing", why),
                )
                for field, why in problems
            ]
        )
    return mapping


def _seal(cipher: FieldCipher, import_id: uuid.UUID, row: int, data: dict[str, Any]) -> str:
    plain = json.dumps(data, separators=(",", ":")).encode()
    return cipher.encrypt(plain, context=record_context(str(import_id), row))


async def check_upload(
    *,
    session: AsyncSession,
    cipher: FieldCipher,
    actor: Principal,
    filename: str,
    content: bytes,
    mapping: Mapping[str, str] | None,
    max_rows: int,
    outcomes: Mapping[str, str] | None = None,
) -> tuple[ImportJob, list[RowError]]:
    """The dry run: every row read and checked, the report of every error (row, column,
    reason); the upload and its rows kept for a run, nothing sent anywhere."""
    kind = _format(filename, content)
    try:
        headers, rows = rules.read_sheet(content, kind)
    except rules.UnreadableSheet as exc:
        raise InvalidInput.field("#/file", str(exc), code="unreadable_sheet") from exc
    used = _checked_mapping(mapping, headers)
    columns = {field: headers.index(header) for field, header in used.items()}
    job = ImportJob(
        office=actor.office,
        filename=filename[:255],
        format=kind.value,
        mapping=used,
        outcomes=dict(outcomes or {}),
        created_by=actor.username,
    )
    table = rules.outcome_table(outcomes)
    job.raw = cipher.encrypt(content, context=f"import:{job.id}:raw")
    values: list[dict[str, Any]] = []
    errors: list[RowError] = []
    first_row_of: dict[str, int] = {}
    for number, cells in enumerate(rows, start=rules.HEADER_ROW + 1):
        if rules.is_blank(cells):
            continue
        if len(values) >= max_rows:
            raise InvalidInput.field(
                "#/file",
                f"The sheet holds more than {max_rows} rows.",
                code="too_many_rows",
                max_rows=max_rows,
            )
        checked = rules.check_row(number, cells, columns, used, table)
        if isinstance(checked, rules.ImportedRecord):
            earlier = first_row_of.setdefault(checked.registration_number, number)
            if earlier != number:
                checked = [
                    RowError(
                        number,
                        used["registration_number"],
                        f"the number is already on row {earlier}",
                        "duplicate_number",
                        {"row": earlier},
                    )
                ]
        if isinstance(checked, list):
            errors += checked
            values.append(
                {
                    "import_id": job.id,
                    "row": number,
                    "status": "invalid",
                    "registration_number": None,
                    "errors": [
                        {"column": e.column, "reason": e.reason, "code": e.code, "params": e.params}
                        for e in checked
                    ],
                    "record": None,
                }
            )
        else:
            values.append(
                {
                    "import_id": job.id,
                    "row": number,
                    "status": "valid",
                    "registration_number": checked.registration_number,
                    "errors": [],
                    "record": _seal(cipher, job.id, number, checked.model_dump(mode="json")),
                }
            )
    if not values:
        raise InvalidInput.field("#/file", "The sheet has a header and no rows.", code="no_rows")
    job.total_rows = len(values)
    job.invalid_rows = sum(1 for v in values if v["status"] == "invalid")
    session.add(job)
    await session.flush()
    for start in range(0, len(values), INSERT_CHUNK):
        await session.execute(insert(ImportRow), values[start : start + INSERT_CHUNK])
    return job, errors


async def get_import(
    *, session: AsyncSession, import_id: uuid.UUID, actor: Principal, for_update: bool = False
) -> ImportJob:
    query = select(ImportJob).where(col(ImportJob.id) == import_id)
    if for_update:
        query = query.with_for_update()
    job = (await session.execute(query)).scalar_one_or_none()
    if job is None or job.office != actor.office:
        raise NotFound(f"No import {import_id} in this office.")
    return job


async def list_imports(
    *, session: AsyncSession, actor: Principal, cursor: str | None, limit: int
) -> tuple[list[tuple[ImportJob, Progress]], str | None]:
    """The office's imports, newest first, each with its progress: the screen's list of
    past uploads (one grouped count for the page, not one per import)."""
    jobs, next_cursor = await newest_first_page(
        session,
        select(ImportJob).where(col(ImportJob.office) == actor.office),
        timestamp=col(ImportJob.created_at),
        ident=col(ImportJob.id),
        cursor=cursor,
        limit=limit,
    )
    counts: dict[tuple[uuid.UUID, str], int] = {}
    if jobs:
        grouped = await session.execute(
            select(col(ImportRow.import_id), col(ImportRow.status), func.count())
            .where(col(ImportRow.import_id).in_([j.id for j in jobs]))
            .group_by(col(ImportRow.import_id), col(ImportRow.status))
        )
        counts = {(job_id, status): n for job_id, status, n in grouped.all()}

    def of(job: ImportJob) -> Progress:
        return Progress(
            waiting=counts.get((job.id, "valid"), 0),
            sent=counts.get((job.id, "sent"), 0),
            invalid=counts.get((job.id, "invalid"), 0),
        )

    return [(job, of(job)) for job in jobs], next_cursor


async def progress(*, session: AsyncSession, job: ImportJob) -> Progress:
    counts = dict(
        (
            await session.execute(
                select(col(ImportRow.status), func.count())
                .where(col(ImportRow.import_id) == job.id)
                .group_by(col(ImportRow.status))
            )
        ).all()
    )
    return Progress(
        waiting=counts.get("valid", 0), sent=counts.get("sent", 0), invalid=counts.get("invalid", 0)
    )


async def row_errors(*, session: AsyncSession, job: ImportJob) -> list[RowError]:
    rows = await session.execute(
        select(col(ImportRow.row), col(ImportRow.errors))
        .where(col(ImportRow.import_id) == job.id, col(ImportRow.status) == "invalid")
        .order_by(col(ImportRow.row))
    )
    # Rows checked before reasons had codes hold none: `invalid`, their English kept.
    return [
        RowError(row, e["column"], e["reason"], e.get("code", "invalid"), e.get("params", {}))
        for row, errors in rows
        for e in errors
    ]


def start_run(*, job: ImportJob, configured: bool, now: datetime) -> None:
    """Asks the job to hand the rows over; a second run of a running or finished import
    changes nothing (its rows are sent once)."""
    if not configured:
        raise ImportsNotConfigured("Set APIK_TRANSFER_KEYS in integration and intake to run it.")
    if job.status != "checked":
        return
    job.status = "running"
    job.started_at = now
    job.version += 1


def _at_noon(day: str | None, calendar: OfficeCalendar) -> str | None:
    """A record's date as a moment: noon in the office's zone, so that no zone moves it
    to another day (or year) in a count."""
    if day is None:
        return None
    return datetime.combine(date.fromisoformat(day), time(12), tzinfo=calendar.zone).isoformat()


async def run_due(
    *,
    session: AsyncSession,
    cipher: FieldCipher,
    transfer: FieldCipher,
    batch: int,
    now: datetime,
) -> int:
    """Hands a batch of waiting rows of running imports to intake (claimed `FOR UPDATE
    SKIP LOCKED`: two replicas never send one row), then finishes the imports with no
    row left waiting. Returns the rows sent."""
    claimed = (
        await session.execute(
            select(ImportRow, col(ImportJob.office))
            .join(ImportJob, col(ImportJob.id) == col(ImportRow.import_id))
            .where(col(ImportJob.status) == "running", col(ImportRow.status) == "valid")
            .order_by(col(ImportRow.import_id), col(ImportRow.row))
            .limit(batch)
            .with_for_update(of=ImportRow, skip_locked=True)
        )
    ).all()
    calendars: dict[str, OfficeCalendar] = {}
    outgoing = []
    for row, office in claimed:
        if office not in calendars:
            calendars[office] = await office_calendar(session, office)
        context = record_context(str(row.import_id), row.row)
        record = json.loads(cipher.decrypt(row.record or "", context=context))
        record["received_at"] = _at_noon(record.pop("received_on"), calendars[office])
        record["closed_at"] = _at_noon(record.pop("closed_on", None), calendars[office])
        event = ImportRowReady(
            import_id=str(row.import_id),
            row=row.row,
            office=office,
            registration_number=row.registration_number or "",
            record=_seal(transfer, row.import_id, row.row, record),
        )
        outgoing.append(Outgoing(event, subject=str(row.import_id)))
        row.status, row.record, row.sent_at = "sent", None, now
    await publish_many(session, outgoing)
    await session.flush()
    waiting = exists().where(
        and_(col(ImportRow.import_id) == col(ImportJob.id), col(ImportRow.status) == "valid")
    )
    await session.execute(
        update(ImportJob)
        .where(col(ImportJob.status) == "running", ~waiting)
        .values(status="done", raw=None, finished_at=now, version=ImportJob.version + 1)
    )
    return len(claimed)


async def expire_unrun(*, session: AsyncSession, before: datetime) -> int:
    """Deletes the uploads checked before `before` and never run, file and rows (their
    personal data was never asked for). Returns the imports deleted."""
    stale = select(col(ImportJob.id)).where(
        col(ImportJob.status) == "checked", col(ImportJob.created_at) < before
    )
    await session.execute(delete(ImportRow).where(col(ImportRow.import_id).in_(stale)))
    gone = await session.execute(
        delete(ImportJob)
        .where(col(ImportJob.status) == "checked", col(ImportJob.created_at) < before)
        .returning(col(ImportJob.id))
    )
    return len(gone.all())
