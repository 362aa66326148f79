"""Registering an office's old records (`import.row_ready` from integration's imports).

Each is registered once, keyed on its old registration number (kept as the report's):
a redelivered event, a second run or a second upload of the same sheet registers
nothing new. The record keeps its history — the date received (the report's
`received_at`, which the KPIs count by), its closure (`case_closed_at`) — and is
`imported`: no step applies to it, so no deadline runs and no alarm rings; no
notification is queued, and integration's portal push leaves channel `imported` alone.
Beside `report.registered`, `report.imported` tells reporting the record's history (its
closure and outcome), which no case of examination will ever announce.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from apik_intake.imports import rules
from apik_intake.models import Report, Reporter, ReportStep
from apik_intake.reference.service import usable_substance
from apik_intake.reporters.rules import Identity, seal
from apik_intake.reporters.service import NewReporter, add_reporter
from apik_intake.reports.rules import Kind, ReportStatus
from apik_intake.steps.service import ref
from apik_shared.platform.crypto import FieldCipher
from apik_shared.platform.events.outbox import Outgoing
from apik_shared.platform.events.payloads import ReportRegistered
from apik_shared.platform.events.payloads.base import Event
from apik_shared.platform.events.payloads.intake import ReportImported
from apik_shared.platform.events.payloads.integration import ImportRowReady, record_context
from apik_shared.platform.events.publish import publish_many

log = logging.getLogger("apik.intake.imports")
CHANNEL = "imported"


async def register_imported(
    *,
    session: AsyncSession,
    row: ImportRowReady,
    transfer: FieldCipher,
    cipher: FieldCipher,
    index_key: bytes,
) -> Report | None:
    """The row's report, registered; None when its number is already registered."""
    made = await register_imported_many(
        session=session, rows=[row], transfer=transfer, cipher=cipher, index_key=index_key
    )
    return made[0] if made else None


async def register_imported_many(
    *,
    session: AsyncSession,
    rows: Sequence[ImportRowReady],
    transfer: FieldCipher,
    cipher: FieldCipher,
    index_key: bytes,
) -> list[Report]:
    """A batch of rows in one transaction: the numbers looked up in one statement, the
    rows written together; the same number twice is registered once."""
    taken = await _taken(session, [row.registration_number for row in rows])
    substances: dict[tuple[str, str], str | None] = {}
    made: list[tuple[Report, ReportStep, list[Event]]] = []
    for row in rows:
        if row.registration_number in taken:
            log.info("import %s row %d: number already registered", row.import_id, row.row)
            continue
        taken.add(row.registration_number)
        made.append(
            await _register(
                session=session,
                row=row,
                transfer=transfer,
                cipher=cipher,
                index_key=index_key,
                substances=substances,
            )
        )
    # Written table by table (the tables know no relationships to order them by): the
    # reporters, then the reports, then their steps, each in a few statements.
    await session.flush()
    session.add_all([report for report, _, _ in made])
    await session.flush()
    session.add_all([step for _, step, _ in made])
    # One class a call: the registrations, then the histories.
    for kind in (ReportRegistered, ReportImported):
        await publish_many(
            session,
            [
                Outgoing(event, subject=str(report.id))
                for report, _, events in made
                for event in events
                if isinstance(event, kind)
            ],
        )
    return [report for report, _, _ in made]


async def _taken(session: AsyncSession, numbers: list[str]) -> set[str]:
    found = await session.execute(
        select(col(Report.registration_number)).where(col(Report.registration_number).in_(numbers))
    )
    return set(found.scalars())


async def _substance(
    session: AsyncSession, code: str | None, office: str, known: dict[tuple[str, str], str | None]
) -> str | None:
    """The code if intake knows it for the office (an old app's own words are not codes)."""
    if not code:
        return None
    if (code, office) not in known:
        found = await usable_substance(session=session, code=code, office=office)
        known[(code, office)] = found.code if found else None
    return known[(code, office)]


async def _reporter(
    session: AsyncSession, cipher: FieldCipher, index_key: bytes, office: str, identity: Identity
) -> Reporter | NewReporter:
    if identity.nik:
        # A NIK may name someone who reported before: linked as any registration does.
        return await add_reporter(
            session=session, cipher=cipher, index_key=index_key, office=office, identity=identity
        )
    # A name alone recognises no one: the row is written with the batch.
    reporter_id = uuid.uuid4()
    reporter = Reporter(
        id=reporter_id,
        office=office,
        identity=seal(cipher, reporter_id, identity),
        person_id=uuid.uuid4(),
    )
    session.add(reporter)
    return reporter


async def _register(
    *,
    session: AsyncSession,
    row: ImportRowReady,
    transfer: FieldCipher,
    cipher: FieldCipher,
    index_key: bytes,
    substances: dict[tuple[str, str], str | None],
) -> tuple[Report, ReportStep, list[Event]]:
    plain = transfer.decrypt(row.record, context=record_context(row.import_id, row.row))
    record = rules.ImportedRecord.model_validate_json(plain)
    substance = await _substance(session, record.substance, row.office, substances)
    identity = Identity(name=record.reporter_name or rules.UNNAMED, nik=record.nik)
    reporter = await _reporter(session, cipher, index_key, row.office, identity)
    now = datetime.now(UTC)
    received = record.received_at.astimezone(UTC)
    closed = rules.closed_after_received(record)
    report = Report(
        id=uuid.uuid4(),
        office=row.office,
        registration_number=row.registration_number,
        kind=record.kind.value,
        channel=CHANNEL,
        status=ReportStatus.imported.value,
        reporter_id=reporter.id,
        reported_agency=record.reported_agency,
        substance=substance,
        summary=record.summary,
        question=record.summary if record.kind is Kind.KNL else None,
        case_closed_at=closed.astimezone(UTC) if closed else None,
        created_by=rules.IMPORTER,
        received_at=received,
        created_at=now,
        updated_at=now,
    )
    step = ReportStep(
        report_id=report.id,
        step="imported",
        to_status=report.status,
        actor=rules.IMPORTER,
        # Where it came from, and what intake's columns have no room for.
        details={
            "import_id": row.import_id,
            "row": row.row,
            "old_status": record.status,
            "old_substance": record.substance if substance is None else None,
            "outcome": record.outcome if closed else None,
        },
        at=received,
    )
    # Its history for reporting: the closure (and outcome) the old application kept.
    history = ReportImported(
        **ref(report),
        registered_at=received,
        closed_at=report.case_closed_at,
        outcome=record.outcome if closed else None,
        import_id=row.import_id,
        row=row.row,
    )
    return report, step, [ReportRegistered(**ref(report), registered_at=received), history]
