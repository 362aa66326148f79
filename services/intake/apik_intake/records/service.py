"""Letters, archive lending and outreach: agenda numbers, files on the shelf, who has
them, the programmes reports are taken at."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import exists, tuple_
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_intake.models import ArchiveFile, ArchiveLoan, Letter, LetterCounter, Outreach
from apik_intake.records import views
from apik_intake.records.rules import agenda_number, is_overdue
from apik_intake.records.schemas import (
    ArchiveFileCreate,
    LetterCreate,
    LoanCreate,
    OutreachCreate,
)
from apik_intake.refusals import IntakeConflict
from apik_intake.reports.service import get_report
from apik_shared.documents.issuer import issuer_of
from apik_shared.platform.auth import Principal
from apik_shared.platform.offices import office_calendar, office_calendars
from apik_shared.platform.pagination import decode_cursor, encode_cursor
from apik_shared.platform.problems import InvalidInput, NotFound
from apik_shared.vocabulary.calendar import OfficeCalendar

# An office's dates are its own (WIB, WITA or WIT), from the service's copy of the office
# registry: a loan is late from its office's midnight, not from 07:00 WIB when UTC's date
# turns. A body's validation only bounds its dates by those of all Indonesia; the office's
# own day is checked here. One lookup per office and request, one per batch of rows.


async def office_today(session: AsyncSession, office: str, now: datetime | None = None) -> date:
    """The office's date at `now` (default: now), in its own zone."""
    return (await office_calendar(session, office)).local_date(now or datetime.now(UTC))


@dataclass(frozen=True)
class Loans:
    """Loans with the calendars of the reader's office and of every loan's office."""

    rows: list[tuple[ArchiveLoan, ArchiveFile]]
    calendars: Mapping[str, OfficeCalendar]
    now: datetime

    def today(self, office: str) -> date:
        return self.calendars[office].local_date(self.now)


async def print_loans(*, session: AsyncSession, actor: Principal, state: str) -> bytes:
    """The lending list as a PDF under the reader's office's letterhead (its head signs)."""
    loans = await list_loans(session=session, actor=actor, state=state)
    issuer = await issuer_of(session, actor.office)
    # fpdf2 is pure Python and synchronous: build off the event loop.
    return await asyncio.to_thread(
        views.loans_pdf,
        office=actor.office,
        issuer=issuer,
        state=state,
        now=loans.now,
        rows=loans.rows,
        calendars=loans.calendars,
        national=actor.office_scope() is None,
    )


async def _check_report(
    session: AsyncSession, report_id: uuid.UUID | None, actor: Principal
) -> None:
    if report_id is None:
        return
    try:
        await get_report(session=session, report_id=report_id, actor=actor)
    except NotFound as exc:
        raise InvalidInput.field(
            "#/body/report_id", "No such report in this office.", code="unknown_report"
        ) from exc


async def next_agenda_number(session: AsyncSession, office: str, direction: str, year: int) -> str:
    counter = LetterCounter.__table__  # type: ignore[attr-defined]
    number = (
        await session.execute(
            insert(counter)
            .values(office=office, year=year, direction=direction, last=1)
            .on_conflict_do_update(
                index_elements=["office", "year", "direction"], set_={"last": counter.c.last + 1}
            )
            .returning(counter.c.last)
        )
    ).scalar_one()
    return agenda_number(office, direction, year, number)


async def create_letter(
    *, session: AsyncSession, data: LetterCreate, actor: Principal, now: datetime | None = None
) -> Letter:
    now = now or datetime.now(UTC)
    today = await office_today(session, actor.office, now)
    # The day the office handled it is on its own calendar. The letter's date stays with
    # the body's bound: the sender may date it in a time zone further east.
    if data.handled_on is not None and data.handled_on > today:
        raise InvalidInput.field(
            "#/body/handled_on", "The date is in the future.", code="date_in_future"
        )
    await _check_report(session, data.report_id, actor)
    # Unset, it is the office's today: its agenda year turns at its own midnight.
    handled_on = data.handled_on or today
    letter = Letter(
        office=actor.office,
        agenda_number=await next_agenda_number(
            session, actor.office, data.direction, handled_on.year
        ),
        **data.model_dump(exclude={"handled_on"}),
        handled_on=handled_on,
        created_by=actor.username,
        created_at=now,
    )
    session.add(letter)
    await session.flush()
    return letter


def _after(cursor: str | None) -> tuple[datetime, uuid.UUID] | None:
    if (after := decode_cursor(cursor)) is None:
        return None
    try:
        return datetime.fromisoformat(after[0]), uuid.UUID(after[1])
    except (ValueError, IndexError, TypeError) as exc:
        raise InvalidInput.field(
            "#/query/cursor", "The cursor is not valid.", code="cursor_invalid"
        ) from exc


async def list_letters(
    *,
    session: AsyncSession,
    actor: Principal,
    report_id: uuid.UUID | None,
    direction: str | None,
    cursor: str | None,
    limit: int,
) -> tuple[list[Letter], str | None]:
    query = select(Letter).order_by(col(Letter.created_at).desc(), col(Letter.id).desc())
    if (office := actor.office_scope()) is not None:
        query = query.where(Letter.office == office)
    if report_id is not None:
        query = query.where(Letter.report_id == report_id)
    if direction:
        query = query.where(Letter.direction == direction)
    if (after := _after(cursor)) is not None:
        query = query.where(tuple_(col(Letter.created_at), col(Letter.id)) < tuple_(*after))
    rows = list((await session.execute(query.limit(limit + 1))).scalars())
    more, rows = len(rows) > limit, rows[:limit]
    last = rows[-1] if rows else None
    next_cursor = (
        encode_cursor(last.created_at.isoformat(), str(last.id)) if more and last else None
    )
    return rows, next_cursor


async def create_file(
    *, session: AsyncSession, data: ArchiveFileCreate, actor: Principal
) -> ArchiveFile:
    await _check_report(session, data.report_id, actor)
    taken = await session.execute(
        select(ArchiveFile.id).where(
            ArchiveFile.office == actor.office, ArchiveFile.code == data.code
        )
    )
    if taken.first() is not None:
        raise IntakeConflict(
            f"The office already has a file {data.code!r}.",
            code="file_code_taken",
            params={"code": data.code},
        )
    archive_file = ArchiveFile(office=actor.office, **data.model_dump(), created_by=actor.username)
    session.add(archive_file)
    await session.flush()
    return archive_file


def _open_loan() -> Any:
    return exists().where(
        col(ArchiveLoan.file_id) == col(ArchiveFile.id), col(ArchiveLoan.returned_at).is_(None)
    )


async def list_files(
    *, session: AsyncSession, actor: Principal, report_id: uuid.UUID | None
) -> list[tuple[ArchiveFile, bool]]:
    query = select(ArchiveFile, _open_loan().label("on_loan")).order_by(col(ArchiveFile.code))
    if (office := actor.office_scope()) is not None:
        query = query.where(ArchiveFile.office == office)
    if report_id is not None:
        query = query.where(ArchiveFile.report_id == report_id)
    return [(f, bool(on_loan)) for f, on_loan in (await session.execute(query))]


async def lend(
    *,
    session: AsyncSession,
    file_id: uuid.UUID,
    data: LoanCreate,
    actor: Principal,
    now: datetime | None = None,
) -> tuple[ArchiveLoan, date]:
    """The loan, and its office's date at `now` (its own zone)."""
    now = now or datetime.now(UTC)
    archive_file = (
        await session.execute(
            select(ArchiveFile).where(ArchiveFile.id == file_id).with_for_update()
        )
    ).scalar_one_or_none()
    if archive_file is None or not actor.can_see_office(archive_file.office):
        raise NotFound(f"No archive file {file_id}.")
    today = await office_today(session, archive_file.office, now)
    if data.due_on < today:
        raise InvalidInput.field(
            "#/body/due_on", "The due date has passed already.", code="date_passed"
        )
    # The file row lock makes two lendings of one file wait for each other.
    out = await session.execute(
        select(ArchiveLoan.borrower).where(
            ArchiveLoan.file_id == file_id, col(ArchiveLoan.returned_at).is_(None)
        )
    )
    if (holder := out.scalar_one_or_none()) is not None:
        raise IntakeConflict(
            f"The file is lent to {holder}; it must come back first.",
            code="file_on_loan",
            params={"holder": holder},
        )
    loan = ArchiveLoan(
        office=archive_file.office,
        file_id=file_id,
        **data.model_dump(),
        lent_by=actor.username,
        borrowed_at=now,
    )
    session.add(loan)
    await session.flush()
    return loan, today


async def return_loan(
    *, session: AsyncSession, loan_id: uuid.UUID, actor: Principal
) -> ArchiveLoan:
    loan = (
        await session.execute(
            select(ArchiveLoan).where(ArchiveLoan.id == loan_id).with_for_update()
        )
    ).scalar_one_or_none()
    if loan is None or not actor.can_see_office(loan.office):
        raise NotFound(f"No loan {loan_id}.")
    if loan.returned_at is not None:
        raise IntakeConflict("The file was returned already.", code="loan_returned")
    loan.returned_at, loan.received_by = datetime.now(UTC), actor.username
    await session.flush()
    return loan


async def list_loans(
    *, session: AsyncSession, actor: Principal, state: str, now: datetime | None = None
) -> Loans:
    now = now or datetime.now(UTC)
    query = (
        select(ArchiveLoan, ArchiveFile)
        .join(ArchiveFile, col(ArchiveFile.id) == col(ArchiveLoan.file_id))
        .order_by(col(ArchiveLoan.due_on), col(ArchiveLoan.borrowed_at))
    )
    calendars: dict[str, OfficeCalendar] = {}
    if (office := actor.office_scope()) is not None:
        query = query.where(ArchiveLoan.office == office)
        calendars[office] = await office_calendar(session, office)
    if state in ("open", "overdue"):
        query = query.where(col(ArchiveLoan.returned_at).is_(None))
    if state == "overdue" and office is not None:
        query = query.where(col(ArchiveLoan.due_on) < calendars[office].local_date(now))
    if state == "returned":
        query = query.where(col(ArchiveLoan.returned_at).is_not(None))
    rows = [(loan, f) for loan, f in (await session.execute(query))]
    # Every other office of the rows (a national reader's), in one query.
    if others := _offices(rows, actor.office) - calendars.keys():
        calendars.update(await office_calendars(session, sorted(others)))
    loans = Loans(rows=rows, calendars=calendars, now=now)
    if state == "overdue" and office is None:
        # A national reader sees every office's loans, each late from its own midnight.
        loans = Loans(
            rows=[
                (loan, f)
                for loan, f in rows
                if is_overdue(loan.due_on, loan.returned_at, loans.today(loan.office))
            ],
            calendars=calendars,
            now=now,
        )
    return loans


def _offices(rows: Iterable[tuple[ArchiveLoan, ArchiveFile]], reader: str) -> set[str]:
    return {loan.office for loan, _ in rows} | {reader}


async def record_outreach(
    *, session: AsyncSession, data: OutreachCreate, actor: Principal
) -> Outreach:
    """An outreach programme of the caller's office: reports taken there name it."""
    outreach = Outreach(office=actor.office, **data.model_dump(), created_by=actor.username)
    session.add(outreach)
    await session.flush()
    return outreach


async def list_outreach(
    *,
    session: AsyncSession,
    actor: Principal,
    held_from: date | None,
    held_to: date | None,
    limit: int,
) -> list[Outreach]:
    query = select(Outreach).order_by(col(Outreach.held_on).desc(), col(Outreach.id))
    if (office := actor.office_scope()) is not None:
        query = query.where(Outreach.office == office)
    if held_from:
        query = query.where(col(Outreach.held_on) >= held_from)
    if held_to:
        query = query.where(col(Outreach.held_on) <= held_to)
    return list((await session.execute(query.limit(limit))).scalars())


async def get_file(*, session: AsyncSession, file_id: uuid.UUID) -> ArchiveFile:
    """The file a loan is of (the loan was checked against the caller's office)."""
    archive_file = await session.get(ArchiveFile, file_id)
    if archive_file is None:
        raise NotFound(f"No archive file {file_id}.")
    return archive_file
