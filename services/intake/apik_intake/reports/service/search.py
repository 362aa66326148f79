"""Finding reports: filters, full-text search (Indonesian stemming), cursor pages, CSV."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, literal_column
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_intake.models import Report, Reporter, Substance
from apik_intake.reports.rules import ReportStatus
from apik_shared.documents.delimited import Delimiter, csv_bytes, headers, text_cell
from apik_shared.platform.auth import Principal
from apik_shared.platform.offices import local_date_sql, office_calendar, office_calendars
from apik_shared.platform.pagination import newest_first_page
from apik_shared.vocabulary.calendar import OfficeCalendar
from apik_shared.vocabulary.labels import (
    AGENCY_TYPES,
    CHANNELS,
    KINDS,
    MALADMINISTRATION,
    REPORT_STATUSES,
    TRACKS,
    Label,
    Language,
    label,
)

# The same expression as the index of migration 0011, so the planner uses it.
_INDONESIAN: Any = literal_column("'indonesian'::regconfig")
_DOCUMENT = func.to_tsvector(
    _INDONESIAN, col(Report.summary) + " " + func.coalesce(col(Report.chronology), "")
)
EXPORT_MAX_ROWS = 10_000


@dataclass(frozen=True)
class ReportQuery:
    status: str | None = None
    kind: str | None = None
    channel: str | None = None
    substance: str | None = None
    agency: str | None = None  # part of the agency's name, any case
    office: str | None = None  # for national callers; others see their office only
    received_from: date | None = None
    received_to: date | None = None  # inclusive
    overdue: bool | None = None  # waiting for the reporter past the completion deadline
    # Incomplete with no notice recorded yet, so no deadline running.
    awaiting_notice: bool | None = None
    person_id: uuid.UUID | None = None
    # Whether the person filter returns the person's confidential reports too: only for a
    # caller entitled to their link (`reporters.rules.sees_link`), who is then audited.
    person_with_confidential: bool = False
    outreach_id: uuid.UUID | None = None
    # The Sahabat Ombudsman member who brought them (a member caller's own, forced).
    community_member_id: uuid.UUID | None = None
    # A staff member's subject, `UNASSIGNED` for reports nobody has, `ASSIGNED` for any.
    assignee: str | None = None
    q: str | None = None  # full text over summary and chronology
    number: str | None = None  # a registration number, whole: the staff's "open by number"


# The special values of the `assignee` filter (GitHub's convention); a subject is `user:…`.
UNASSIGNED, ASSIGNED = "none", "*"


def _scope(actor: Principal, where: ReportQuery) -> str | None:
    """The one office the query is bound to, if any."""
    return actor.office_scope() or where.office or None


def _local_received_on() -> Any:
    """SQL: the day of receipt in the zone of the row's office (across offices), WIB for an
    office the copy has not heard of yet, as `apik_shared.platform.offices` counts it."""
    return local_date_sql(col(Report.office), col(Report.received_at))


def _received(query: Any, where: ReportQuery, calendar: OfficeCalendar | None) -> Any:
    """`received_from` / `received_to` are days of the office (its own zone, from the
    registry). Bound to one office, as instants (the index on `received_at` serves);
    across offices, each row's own day."""
    if calendar is None:
        day = _local_received_on()
        if where.received_from:
            query = query.where(day >= where.received_from)
        if where.received_to:
            query = query.where(day <= where.received_to)
        return query
    if where.received_from:
        start = datetime.combine(where.received_from, time.min, tzinfo=calendar.zone)
        query = query.where(col(Report.received_at) >= start.astimezone(UTC))
    if where.received_to:
        after = where.received_to + timedelta(days=1)
        end = datetime.combine(after, time.min, tzinfo=calendar.zone)
        query = query.where(col(Report.received_at) < end.astimezone(UTC))
    return query


async def _query(session: AsyncSession, actor: Principal, where: ReportQuery) -> Any:
    calendar = None
    if (where.received_from or where.received_to) and (office := _scope(actor, where)):
        calendar = await office_calendar(session, office)  # one lookup per request
    return _filtered(actor, where, datetime.now(UTC), calendar)


def _filtered(
    actor: Principal, where: ReportQuery, now: datetime, calendar: OfficeCalendar | None
) -> Any:
    query = select(Report)
    if (office := actor.office_scope()) is not None:
        query = query.where(Report.office == office)
    elif where.office:
        query = query.where(Report.office == where.office)
    for field in ("status", "kind", "channel", "substance"):
        if (value := getattr(where, field)) is not None:
            query = query.where(getattr(Report, field) == value)
    if where.agency:
        escaped = where.agency.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(col(Report.reported_agency).ilike(f"%{escaped}%", escape="\\"))
    query = _received(query, where, calendar)
    if where.overdue is not None:
        # Overdue from the deadline's instant on, as the deadline job sees it.
        # A report waiting for its notice has no deadline (NULL): not late, and not lost
        # from `overdue=false` by SQL's NULL logic either.
        late = (col(Report.status) == ReportStatus.awaiting_completion.value) & func.coalesce(
            col(Report.completion_due) <= now, False
        )
        query = query.where(late if where.overdue else ~late)
    if where.awaiting_notice is not None:
        # Incomplete, but the reporter was not told yet: their days have not started.
        waiting = (col(Report.status) == ReportStatus.awaiting_completion.value) & col(
            Report.completion_due
        ).is_(None)
        query = query.where(waiting if where.awaiting_notice else ~waiting)
    if where.outreach_id is not None:
        query = query.where(Report.outreach_id == where.outreach_id)
    if where.community_member_id is not None:
        query = query.where(Report.community_member_id == where.community_member_id)
    if where.assignee == UNASSIGNED:
        query = query.where(col(Report.assignee).is_(None))
    elif where.assignee == ASSIGNED:
        query = query.where(col(Report.assignee).is_not(None))
    elif where.assignee is not None:
        query = query.where(Report.assignee == where.assignee)
    if where.person_id is not None:
        query = query.join(Reporter, col(Reporter.id) == col(Report.reporter_id)).where(
            Reporter.person_id == where.person_id
        )
        if not where.person_with_confidential:
            query = query.where(col(Report.confidential).is_(False))
    if where.number:
        # As typed or in capitals (numbers are issued in capitals; a hand-typed one may
        # not be): both forms keep the unique index on the number usable.
        query = query.where(
            col(Report.registration_number).in_({where.number, where.number.upper()})
        )
    if where.q:
        query = query.where(
            _DOCUMENT.bool_op("@@")(func.websearch_to_tsquery(_INDONESIAN, where.q))
        )
    return query.order_by(col(Report.created_at).desc(), col(Report.id).desc())


async def list_reports(
    *,
    session: AsyncSession,
    actor: Principal,
    where: ReportQuery,
    cursor: str | None,
    limit: int,
) -> tuple[list[Report], str | None]:
    query = (await _query(session, actor, where)).order_by(None)
    return await newest_first_page(
        session,
        query,
        timestamp=col(Report.created_at),
        ident=col(Report.id),
        cursor=cursor,
        limit=limit,
    )


@dataclass(frozen=True)
class Export:
    rows: list[Report]
    calendars: dict[str, OfficeCalendar]  # of every row's office
    substances: dict[str, Label]  # code to its names


async def export_rows(*, session: AsyncSession, actor: Principal, where: ReportQuery) -> Export:
    """The rows, and their offices' calendars read in one query (not one per row)."""
    query = (await _query(session, actor, where)).limit(EXPORT_MAX_ROWS)
    rows = list((await session.execute(query)).scalars())
    calendars = await office_calendars(session, [r.office for r in rows]) if rows else {}
    return Export(rows=rows, calendars=calendars, substances=await substance_names(session))


# The export is read by office staff in a spreadsheet: headers and codes by their names in
# Bahasa Indonesia (or English, when asked); moments stay ISO 8601 with the office's
# offset, which sorts and which spreadsheets and programs parse alike.
CSV_COLUMNS: Mapping[str, tuple[str, str]] = {
    "registration_number": ("Nomor registrasi", "Registration number"),
    "office": ("Kantor", "Office"),
    "kind": ("Jenis laporan", "Kind of report"),
    "channel": ("Saluran", "Channel"),
    "status": ("Status", "Status"),
    "track": ("Jalur pemeriksaan", "Examination track"),
    "received_at": ("Diterima", "Received"),
    "reported_agency": ("Instansi terlapor", "Reported agency"),
    "agency_type": ("Jenis instansi terlapor", "Type of reported agency"),
    "substance": ("Substansi", "Substance"),
    "maladministration": ("Bentuk maladministrasi", "Form of maladministration"),
    "location_province": ("Provinsi lokasi", "Province of the location"),
    "location_regency": ("Kabupaten/kota lokasi", "Regency/city of the location"),
    "summary": ("Ringkasan", "Summary"),
    "event_date": ("Tanggal kejadian", "Date of the event"),
    "completion_due": ("Batas penyelesaian", "Documents due"),
    "rejection_reason": ("Alasan penolakan", "Reason for rejection"),
    "assignee": ("Petugas", "Officer"),
    "assigned_at": ("Ditugaskan pada", "Assigned at"),
}
LABELLED: Mapping[str, Mapping[str, Label]] = {
    "kind": KINDS,
    "channel": CHANNELS,
    "status": REPORT_STATUSES,
    "track": TRACKS,
    "agency_type": AGENCY_TYPES,
    "maladministration": MALADMINISTRATION,
}


def to_csv(
    rows: Sequence[Report],
    calendars: Mapping[str, OfficeCalendar],
    substances: Mapping[str, Label],
    *,
    language: Language = Language.id,
    delimiter: Delimiter = Delimiter.comma,
) -> bytes:
    """The list as CSV: the same rows, no reporter identity (as in the list). Moments are
    printed in the zone of the report's office, with its offset (`…T01:30:00+09:00`);
    substances by the names intake's catalogue holds (`substances`, code to its names)."""
    names = {**LABELLED, "substance": substances}
    lines = []
    for report in rows:
        zone = calendars[report.office].zone
        values = []
        for column in CSV_COLUMNS:
            value = getattr(report, column)
            if isinstance(value, list):
                value = "; ".join(label(names[column], v, language) for v in value)
            elif column in names and value is not None:
                value = label(names[column], value, language)
            elif isinstance(value, datetime):
                value = value.astimezone(zone).isoformat()
            elif isinstance(value, date):
                value = value.isoformat()
            values.append(text_cell(None if value is None else str(value)))
        lines.append(values)
    return csv_bytes(headers(list(CSV_COLUMNS.values()), language), lines, delimiter=delimiter)


async def substance_names(session: AsyncSession) -> dict[str, Label]:
    """Code to names of every substance, the catalogue's and offices' own."""
    rows = await session.execute(select(Substance.code, Substance.name_id, Substance.name_en))
    return {code: Label(name_id, name_en) for code, name_id, name_en in rows}
