"""The reviewers' routes: list and read applications, the letter, accept or decline."""

from __future__ import annotations

import uuid
from typing import Annotated

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
DECISION_PROBLEMS = problem_responses(
    *AUTH, NotFound, InvalidInput, PreconditionFailed, TransitionNotAllowed
)


@router.get(
    "/applications",
    response_model=Page[ApplicationPublic],
    responses=problem_responses(*AUTH, InvalidInput),
)
async def list_applications(
    session: DbSession,
    actor: Reader,
    access: Applicants,
    status: ApplicationStatus | None = None,
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
) -> Page[ApplicationPublic]:
    rows, next_cursor = await service.list_applications(
        session=session,
        actor=actor,
        status=status.value if status else None,
        cursor=cursor,
        limit=limit,
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
