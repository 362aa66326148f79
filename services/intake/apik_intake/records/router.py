"""Letters (agenda), the archive (files, lending, the overdue and printable lists) and
outreach programmes."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Literal

from fastapi import Query, Request, Response

from apik_intake.deps import AUTH, Officer, Reader
from apik_intake.records import service, views
from apik_intake.records.schemas import (
    ArchiveFileCreate,
    ArchiveFilePublic,
    LetterCreate,
    LetterPublic,
    LoanCreate,
    LoanPublic,
    OutreachCreate,
    OutreachPublic,
)
from apik_shared.documents.delimited import (
    CSV_RESPONSE,
    CsvDelimiter,
    CsvLanguage,
    Delimiter,
    csv_download,
)
from apik_shared.platform.db import DbSession
from apik_shared.platform.idempotency import Idempotency
from apik_shared.platform.pagination import DEFAULT_LIMIT, MAX_LIMIT, Page
from apik_shared.platform.problems import Conflict, InvalidInput, NotFound, problem_responses
from apik_shared.platform.routing import ServiceRouter, created

router = ServiceRouter(tags=["letters and archive"])
LoanState = Literal["open", "overdue", "returned", "all"]


@router.post(
    "/letters",
    status_code=201,
    response_model=LetterPublic,
    responses=problem_responses(*AUTH, InvalidInput),
)
async def record_letter(
    data: LetterCreate,
    request: Request,
    session: DbSession,
    actor: Officer,
) -> Response:
    idempotency = Idempotency(session, request, caller=actor.subject)
    if (replay := await idempotency.begin()) is not None:
        return replay
    # Dated on the office's own calendar (the office registry), not on UTC's.
    letter = await service.create_letter(session=session, data=data, actor=actor)
    # A letter has no page of its own: the agenda it is listed in is where it lives.
    return await created(
        idempotency,
        LetterPublic.model_validate(letter, from_attributes=True),
        location=request.url.path,
    )


@router.get(
    "/letters",
    response_model=Page[LetterPublic],
    responses=problem_responses(*AUTH, InvalidInput),
)
async def list_letters(
    session: DbSession,
    actor: Reader,
    report_id: uuid.UUID | None = None,
    direction: Literal["incoming", "outgoing"] | None = None,
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
) -> Page[LetterPublic]:
    rows, next_cursor = await service.list_letters(
        session=session,
        actor=actor,
        report_id=report_id,
        direction=direction,
        cursor=cursor,
        limit=limit,
    )
    items = [LetterPublic.model_validate(r, from_attributes=True) for r in rows]
    return Page(items=items, next_cursor=next_cursor)


@router.post(
    "/archive/files",
    status_code=201,
    response_model=ArchiveFilePublic,
    responses=problem_responses(*AUTH, InvalidInput, Conflict),
)
async def add_archive_file(
    data: ArchiveFileCreate, session: DbSession, actor: Officer
) -> ArchiveFilePublic:
    archive_file = await service.create_file(session=session, data=data, actor=actor)
    return views.archive_file(archive_file, False)


@router.get(
    "/archive/files",
    response_model=Page[ArchiveFilePublic],
    responses=problem_responses(*AUTH),
)
async def list_archive_files(
    session: DbSession, actor: Reader, report_id: uuid.UUID | None = None
) -> Page[ArchiveFilePublic]:
    rows = await service.list_files(session=session, actor=actor, report_id=report_id)
    return Page(items=[views.archive_file(f, on_loan) for f, on_loan in rows])


@router.post(
    "/archive/files/{file_id}/loans",
    status_code=201,
    response_model=LoanPublic,
    responses=problem_responses(*AUTH, NotFound, InvalidInput, Conflict),
)
async def lend_archive_file(
    file_id: uuid.UUID,
    data: LoanCreate,
    session: DbSession,
    actor: Officer,
) -> LoanPublic:
    loan, today = await service.lend(session=session, file_id=file_id, data=data, actor=actor)
    archive_file = await service.get_file(session=session, file_id=file_id)
    return views.loan(loan, archive_file, today)


@router.post(
    "/archive/loans/{loan_id}/return",
    response_model=LoanPublic,
    responses=problem_responses(*AUTH, NotFound, Conflict),
)
async def return_archive_file(loan_id: uuid.UUID, session: DbSession, actor: Officer) -> LoanPublic:
    loan = await service.return_loan(session=session, loan_id=loan_id, actor=actor)
    archive_file = await service.get_file(session=session, file_id=loan.file_id)
    today = await service.office_today(session, loan.office)
    return views.loan(loan, archive_file, today)


@router.get(
    "/archive/loans",
    response_model=Page[LoanPublic],
    responses={**problem_responses(*AUTH, InvalidInput), **CSV_RESPONSE},
)
async def list_archive_loans(
    session: DbSession,
    actor: Reader,
    language: CsvLanguage,
    state: LoanState = "open",
    format: Annotated[Literal["json", "csv"], Query(description="csv: every row")] = "json",
    delimiter: CsvDelimiter = Delimiter.comma,
) -> Page[LoanPublic] | Response:
    loans = await service.list_loans(session=session, actor=actor, state=state)
    if format == "csv":
        content = views.loans_csv(
            loans.rows, loans.calendars, loans.now, language=language, delimiter=delimiter
        )
        return csv_download(content, f"peminjaman-arsip-{state}.csv")
    return Page(items=[views.loan(loan, f, loans.today(loan.office)) for loan, f in loans.rows])


@router.get(
    "/archive/loans/print",
    response_class=Response,
    responses={
        200: {"content": {"application/pdf": {}}, "description": "the list as a PDF"},
        **problem_responses(*AUTH, InvalidInput),
    },
)
async def print_archive_loans(
    session: DbSession, actor: Reader, state: LoanState = "open"
) -> Response:
    """The lending list to print and sign (Daftar Peminjaman Arsip), as a PDF under the
    office's letterhead, dated on its calendar."""
    content = await service.print_loans(session=session, actor=actor, state=state)
    return Response(
        content,
        media_type="application/pdf",
        headers={
            "Content-Disposition": f'inline; filename="peminjaman-arsip-{state}.pdf"',
            "Cache-Control": "private, no-store",  # names of borrowers: no shared caches
        },
    )


@router.post(
    "/outreach",
    status_code=201,
    response_model=OutreachPublic,
    responses=problem_responses(*AUTH, InvalidInput),
    tags=["outreach"],
)
async def record_outreach(
    data: OutreachCreate, session: DbSession, actor: Officer
) -> OutreachPublic:
    """An outreach programme: reports taken there name it in `outreach_id`."""
    outreach = await service.record_outreach(session=session, data=data, actor=actor)
    return OutreachPublic.model_validate(outreach, from_attributes=True)


@router.get(
    "/outreach",
    response_model=Page[OutreachPublic],
    responses=problem_responses(*AUTH, InvalidInput),
    tags=["outreach"],
)
async def list_outreach(
    session: DbSession,
    actor: Reader,
    held_from: date | None = None,
    held_to: date | None = None,
) -> Page[OutreachPublic]:
    rows = await service.list_outreach(
        session=session, actor=actor, held_from=held_from, held_to=held_to, limit=MAX_LIMIT
    )
    return Page(items=[OutreachPublic.model_validate(r, from_attributes=True) for r in rows])
