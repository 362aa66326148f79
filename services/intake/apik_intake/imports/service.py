"""Registering an office's old records (`import.row_ready` from integration's imports).

Each is registered once, keyed on its old registration number (kept as the report's):
a redelivered event, a second run or a second upload of the same sheet registers
nothing new. The record keeps its history — the date received (the report's
`received_at`, which the KPIs count by), its closure (`case_closed_at`) — and is
`imported`: no step applies to it, so no deadline runs and no alarm rings; no
notification is queued, and integration's portal push leaves channel `imported` alone.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from apik_intake.imports import rules
from apik_intake.models import Report, ReportStep
from apik_intake.reference.service import usable_substance
from apik_intake.reporters.rules import Identity
from apik_intake.reporters.service import add_reporter
from apik_intake.reports.rules import Kind, ReportStatus
from apik_intake.steps.service import ref
from apik_shared.platform.crypto import FieldCipher
from apik_shared.platform.events.payloads import ReportRegistered
from apik_shared.platform.events.payloads.integration import ImportRowReady, record_context
from apik_shared.platform.events.publish import publish

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
    taken = await session.execute(
        select(col(Report.id)).where(col(Report.registration_number) == row.registration_number)
    )
    if taken.first() is not None:
        log.info("import %s row %d: number already registered", row.import_id, row.row)
        return None
    plain = transfer.decrypt(row.record, context=record_context(row.import_id, row.row))
    record = rules.ImportedRecord.model_validate_json(plain)
    substance = None
    if record.substance:
        known = await usable_substance(session=session, code=record.substance, office=row.office)
        substance = known.code if known else None
    reporter = await add_reporter(
        session=session,
        cipher=cipher,
        index_key=index_key,
        office=row.office,
        identity=Identity(name=record.reporter_name or rules.UNNAMED, nik=record.nik),
    )
    now = datetime.now(UTC)
    received = record.received_at.astimezone(UTC)
    closed = rules.closed_after_received(record)
    report = Report(
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
    session.add(report)
    await session.flush()
    session.add(
        ReportStep(
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
            },
            at=received,
        )
    )
    await publish(
        session, ReportRegistered(**ref(report), registered_at=received), subject=str(report.id)
    )
    return report
