"""Letters (agenda) and the archive: files, lending, the overdue and printable lists."""

from __future__ import annotations

import html
import uuid
from datetime import UTC, date, datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse
from sqlmodel import col, select

from apik_intake import records
from apik_intake.deps import AUTH, IntakeSettings, Officer, Reader
from apik_intake.models import ArchiveFile, ArchiveLoan, Outreach
from apik_intake.schemas_records import (
    ArchiveFileCreate,
    ArchiveFilePublic,
    LetterCreate,
    LetterPublic,
    LoanCreate,
    LoanPublic,
    OutreachCreate,
    OutreachPublic,
)
from apik_intake.settings import Settings
from apik_shared.db import DbSession, TransactionalRoute
from apik_shared.idempotency import Idempotency
from apik_shared.pagination import DEFAULT_LIMIT, MAX_LIMIT, Page
from apik_shared.problems import Conflict, InvalidInput, NotFound, problem_responses

router = APIRouter(route_class=TransactionalRoute, tags=["letters and archive"])
LoanState = Literal["open", "overdue", "returned", "all"]


def _today_of(settings: Settings) -> records.TodayOf:
    """Each office's date at one instant of the request, in its own time zone: a loan is
    late from its office's midnight, not from 07:00 WIB when UTC's date turns."""
    now = datetime.now(UTC)
    dates: dict[str, date] = {}

    def today_of(office: str) -> date:
        if office not in dates:
            dates[office] = settings.calendar_for(office).local_date(now)
        return dates[office]

    return today_of


@router.post(
    "/letters",
    status_code=201,
    response_model=LetterPublic,
    responses=problem_responses(*AUTH, InvalidInput),
    operation_id="intake_record_letter",
)
async def record_letter(
    data: LetterCreate,
    request: Request,
    session: DbSession,
    actor: Officer,
    settings: IntakeSettings,
) -> Response:
    idempotency = Idempotency(session, request, caller=actor.subject)
    if (replay := await idempotency.begin()) is not None:
        return replay
    letter = await records.create_letter(
        session=session, data=data, actor=actor, today_of=_today_of(settings)
    )
    body = LetterPublic.model_validate(letter, from_attributes=True).model_dump(mode="json")
    await idempotency.remember(201, body)
    return JSONResponse(body, status_code=201)


@router.get(
    "/letters",
    response_model=Page[LetterPublic],
    responses=problem_responses(*AUTH, InvalidInput),
    operation_id="intake_list_letters",
)
async def list_letters(
    session: DbSession,
    actor: Reader,
    report_id: uuid.UUID | None = None,
    direction: Literal["incoming", "outgoing"] | None = None,
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
) -> Page[LetterPublic]:
    rows, next_cursor = await records.list_letters(
        session=session,
        actor=actor,
        report_id=report_id,
        direction=direction,
        cursor=cursor,
        limit=limit,
    )
    items = [LetterPublic.model_validate(r, from_attributes=True) for r in rows]
    return Page(items=items, next_cursor=next_cursor)


def _file(archive_file: ArchiveFile, on_loan: bool) -> ArchiveFilePublic:
    return ArchiveFilePublic(**archive_file.model_dump(exclude={"created_by"}), on_loan=on_loan)


@router.post(
    "/archive/files",
    status_code=201,
    response_model=ArchiveFilePublic,
    responses=problem_responses(*AUTH, InvalidInput, Conflict),
    operation_id="intake_add_archive_file",
)
async def add_archive_file(
    data: ArchiveFileCreate, session: DbSession, actor: Officer
) -> ArchiveFilePublic:
    return _file(await records.create_file(session=session, data=data, actor=actor), False)


@router.get(
    "/archive/files",
    response_model=Page[ArchiveFilePublic],
    responses=problem_responses(*AUTH),
    operation_id="intake_list_archive_files",
)
async def list_archive_files(
    session: DbSession, actor: Reader, report_id: uuid.UUID | None = None
) -> Page[ArchiveFilePublic]:
    rows = await records.list_files(session=session, actor=actor, report_id=report_id)
    return Page(items=[_file(f, on_loan) for f, on_loan in rows])


def _loan(loan: ArchiveLoan, archive_file: ArchiveFile, today: date) -> LoanPublic:
    return LoanPublic(
        **loan.model_dump(exclude={"office"}),
        file_code=archive_file.code,
        file_title=archive_file.title,
        overdue=records.is_overdue(loan.due_on, loan.returned_at, today),
    )


@router.post(
    "/archive/files/{file_id}/loans",
    status_code=201,
    response_model=LoanPublic,
    responses=problem_responses(*AUTH, NotFound, InvalidInput, Conflict),
    operation_id="intake_lend_archive_file",
)
async def lend_archive_file(
    file_id: uuid.UUID,
    data: LoanCreate,
    session: DbSession,
    actor: Officer,
    settings: IntakeSettings,
) -> LoanPublic:
    today_of = _today_of(settings)
    loan = await records.lend(
        session=session, file_id=file_id, data=data, actor=actor, today_of=today_of
    )
    archive_file = await session.get(ArchiveFile, file_id)
    assert archive_file is not None
    return _loan(loan, archive_file, today_of(loan.office))


@router.post(
    "/archive/loans/{loan_id}/return",
    response_model=LoanPublic,
    responses=problem_responses(*AUTH, NotFound, Conflict),
    operation_id="intake_return_archive_file",
)
async def return_archive_file(
    loan_id: uuid.UUID, session: DbSession, actor: Officer, settings: IntakeSettings
) -> LoanPublic:
    loan = await records.return_loan(session=session, loan_id=loan_id, actor=actor)
    archive_file = await session.get(ArchiveFile, loan.file_id)
    assert archive_file is not None
    return _loan(loan, archive_file, _today_of(settings)(loan.office))


@router.get(
    "/archive/loans",
    response_model=Page[LoanPublic],
    responses=problem_responses(*AUTH, InvalidInput),
    operation_id="intake_list_archive_loans",
)
async def list_archive_loans(
    session: DbSession, actor: Reader, settings: IntakeSettings, state: LoanState = "open"
) -> Page[LoanPublic]:
    today_of = _today_of(settings)
    rows = await records.list_loans(session=session, actor=actor, state=state, today_of=today_of)
    return Page(items=[_loan(loan, f, today_of(loan.office)) for loan, f in rows])


@router.get(
    "/archive/loans/print",
    response_class=HTMLResponse,
    responses=problem_responses(*AUTH, InvalidInput),
    operation_id="intake_print_archive_loans",
)
async def print_archive_loans(
    session: DbSession, actor: Reader, settings: IntakeSettings, state: LoanState = "open"
) -> HTMLResponse:
    """The lending list as a page to print (Daftar Peminjaman Arsip)."""
    today_of = _today_of(settings)
    # The page is dated on the reader's office's calendar; each loan is late by its own.
    today = today_of(actor.office)
    rows = await records.list_loans(session=session, actor=actor, state=state, today_of=today_of)
    cells = []
    for n, (loan, f) in enumerate(rows, 1):
        late = records.is_overdue(loan.due_on, loan.returned_at, today_of(loan.office))
        # The days lent and returned as the office lived them, not UTC's.
        local_date = settings.calendar_for(loan.office).local_date
        values = [
            str(n),
            f.code,
            f.title,
            loan.borrower,
            local_date(loan.borrowed_at).isoformat(),
            loan.due_on.isoformat(),
            local_date(loan.returned_at).isoformat() if loan.returned_at else "",
            "TERLAMBAT" if late else "",
        ]
        cells.append("<tr>" + "".join(f"<td>{html.escape(v)}</td>" for v in values) + "</tr>")
    heads = ["No", "Kode", "Judul berkas", "Peminjam", "Dipinjam", "Jatuh tempo", "Kembali", ""]
    page = (
        "<!doctype html><html lang='id'><meta charset='utf-8'>"
        f"<title>Daftar Peminjaman Arsip {html.escape(actor.office)}</title>"
        "<style>table{border-collapse:collapse}td,th{border:1px solid #000;padding:4px}</style>"
        f"<h1>Daftar Peminjaman Arsip — {html.escape(actor.office)}</h1>"
        f"<p>Per {today.isoformat()} ({html.escape(state)})</p><table><tr>"
        + "".join(f"<th>{h}</th>" for h in heads)
        + "</tr>"
        + "".join(cells)
        + "</table></html>"
    )
    return HTMLResponse(page)


@router.post(
    "/outreach",
    status_code=201,
    response_model=OutreachPublic,
    responses=problem_responses(*AUTH, InvalidInput),
    tags=["outreach"],
    operation_id="intake_record_outreach",
)
async def record_outreach(
    data: OutreachCreate, session: DbSession, actor: Officer
) -> OutreachPublic:
    """An outreach programme: reports taken there name it in `outreach_id`."""
    outreach = Outreach(office=actor.office, **data.model_dump(), created_by=actor.username)
    session.add(outreach)
    await session.flush()
    return OutreachPublic.model_validate(outreach, from_attributes=True)


@router.get(
    "/outreach",
    response_model=Page[OutreachPublic],
    responses=problem_responses(*AUTH, InvalidInput),
    tags=["outreach"],
    operation_id="intake_list_outreach",
)
async def list_outreach(
    session: DbSession,
    actor: Reader,
    held_from: date | None = None,
    held_to: date | None = None,
) -> Page[OutreachPublic]:
    query = select(Outreach).order_by(col(Outreach.held_on).desc(), col(Outreach.id))
    if (office := actor.office_scope()) is not None:
        query = query.where(Outreach.office == office)
    if held_from:
        query = query.where(col(Outreach.held_on) >= held_from)
    if held_to:
        query = query.where(col(Outreach.held_on) <= held_to)
    rows = (await session.execute(query.limit(MAX_LIMIT))).scalars()
    return Page(items=[OutreachPublic.model_validate(r, from_attributes=True) for r in rows])
