"""The reviewers' routes: list and read applications, the letter, accept or decline."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import Query, Response
from fastapi.responses import JSONResponse

from apik_internship.applications import service, views
from apik_internship.applications.rules import ApplicationStatus
from apik_internship.applications.schemas import (
    Acceptance,
    ApplicationPublic,
    Declining,
    InternAccount,
    InternAccountView,
)
from apik_internship.applications.service import AccountTaken
from apik_internship.deps import (
    AUTH,
    Applicants,
    CurrentApplication,
    CurrentSettings,
    LockedApplication,
    Reader,
    Reviewer,
    Supervisor,
)
from apik_internship.quotas.service import QuotaFull
from apik_shared.documents.delimited import (
    CSV_RESPONSE,
    CsvDelimiter,
    CsvLanguage,
    Delimiter,
    csv_download,
)
from apik_shared.platform.db import DbSession
from apik_shared.platform.etag import etag_for
from apik_shared.platform.pagination import DEFAULT_LIMIT, MAX_LIMIT, Page
from apik_shared.platform.problems import (
    InvalidInput,
    NotFound,
    PreconditionFailed,
    TransitionNotAllowed,
    problem_responses,
)
from apik_shared.platform.routing import ServiceRouter
from apik_shared.vocabulary.files import content_disposition

router = ServiceRouter(tags=["applications"])
MONTH = r"^\d{4}-(0[1-9]|1[0-2])$"
DECISION_PROBLEMS = problem_responses(
    *AUTH, NotFound, InvalidInput, PreconditionFailed, TransitionNotAllowed
)


@router.get(
    "/applications",
    response_model=Page[ApplicationPublic],
    responses={**problem_responses(*AUTH, InvalidInput), **CSV_RESPONSE},
)
async def list_applications(
    session: DbSession,
    actor: Reader,
    language: CsvLanguage,
    access: Applicants,
    status: ApplicationStatus | None = None,
    unit: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=64,
            description="accepted into this unit, or (not yet accepted) asking for it",
        ),
    ] = None,
    month: Annotated[
        str | None,
        Query(pattern=MONTH, description="YYYY-MM: applications whose period touches it"),
    ] = None,
    format: Annotated[
        Literal["json", "csv"], Query(description="csv: every row the filters select")
    ] = "json",
    delimiter: CsvDelimiter = Delimiter.comma,
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
) -> Page[ApplicationPublic] | Response:
    where = service.ApplicationFilter(
        status=status.value if status else None, unit=unit, month=month
    )
    if format == "csv":
        export = await service.export_applications(session=session, actor=actor, where=where)
        # The applicant as the list shows them: masked for who does not review them,
        # every full read audited, the export named as the purpose.
        applicants = await service.shown(
            session=session, access=access, applications=export.rows, purpose="export applications"
        )
        content = views.to_csv(export, applicants, language=language, delimiter=delimiter)
        return csv_download(content, "lamaran-magang.csv")
    rows, next_cursor = await service.list_applications(
        session=session, actor=actor, where=where, cursor=cursor, limit=limit
    )
    items = await views.listed(session, access, rows, "review applications")
    return Page(items=items, next_cursor=next_cursor)


@router.get(
    "/applications/{application_id}",
    response_model=ApplicationPublic,
    responses=problem_responses(*AUTH, NotFound),
)
async def get_application(
    application_id: uuid.UUID,
    session: DbSession,
    actor: Reader,
    access: Applicants,
    application: CurrentApplication,
) -> Response:
    return await views.answer(session, access, application, "review an application")


@router.get(
    "/applications/{application_id}/letter",
    responses=problem_responses(*AUTH, NotFound),
    response_class=Response,
)
async def download_letter(
    application_id: uuid.UUID,
    session: DbSession,
    actor: Reviewer,
    access: Applicants,
    application: CurrentApplication,
) -> Response:
    """The institution's letter, to the office's reviewers only (audited)."""
    letter, data = await service.read_letter(
        session=session, access=access, application=application
    )
    return Response(
        data,
        media_type=letter.media_type,
        headers={
            "Content-Disposition": content_disposition(letter.filename),
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "no-store",
        },
    )


@router.post(
    "/applications/{application_id}/acceptance",
    response_model=ApplicationPublic,
    responses=problem_responses(
        *AUTH, NotFound, InvalidInput, PreconditionFailed, TransitionNotAllowed, QuotaFull
    ),
)
async def accept_application(
    application_id: uuid.UUID,
    data: Acceptance,
    session: DbSession,
    actor: Reviewer,
    access: Applicants,
    application: LockedApplication,
    settings: CurrentSettings,
) -> Response:
    """Accepts into a unit that has a free place in every month of the period."""
    application = await service.accept(
        session=session, application=application, unit=data.unit, units=settings.units, actor=actor
    )
    return await views.answer(session, access, application, "accept an application")


@router.post(
    "/applications/{application_id}/decline",
    response_model=ApplicationPublic,
    responses=DECISION_PROBLEMS,
)
async def decline_application(
    application_id: uuid.UUID,
    data: Declining,
    session: DbSession,
    actor: Reviewer,
    access: Applicants,
    application: LockedApplication,
) -> Response:
    """Declines with a reason, which the applicant reads with their code."""
    application = await service.decline(
        session=session, application=application, reason=data.reason, actor=actor
    )
    return await views.answer(session, access, application, "decline an application")


@router.put(
    "/applications/{application_id}/intern-account",
    response_model=InternAccountView,
    responses=problem_responses(
        *AUTH, NotFound, InvalidInput, PreconditionFailed, TransitionNotAllowed, AccountTaken
    ),
)
async def link_intern_account(
    application_id: uuid.UUID,
    data: InternAccount,
    session: DbSession,
    actor: Supervisor,
    application: LockedApplication,
) -> JSONResponse:
    """Links the accepted intern's gateway account, by which the intern then reads and
    writes their own records (attendance, logbook, learning)."""
    application = await service.link_intern_account(
        session=session, application=application, username=data.username, actor=actor
    )
    body = InternAccountView(
        application_id=application.id,
        username=data.username,
        version=application.version,
    )
    return JSONResponse(
        body.model_dump(mode="json"), headers={"ETag": etag_for(application.version)}
    )
