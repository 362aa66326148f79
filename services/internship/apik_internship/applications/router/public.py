"""The public side of applications: no login. Under `/public/`, so the gateway applies
its public rate limit (per client) to both routes."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Request
from fastapi.responses import JSONResponse

from apik_internship.applications import service
from apik_internship.applications.router import form
from apik_internship.applications.rules import ApplicationStatus
from apik_internship.applications.schemas import ApplicationReceipt, ApplicationStatusView
from apik_internship.deps import Cipher, CodeKey, CurrentSettings
from apik_shared.platform.db import DbSession
from apik_shared.platform.problems import (
    InvalidInput,
    NotFound,
    PayloadTooLarge,
    problem_responses,
)
from apik_shared.platform.routing import ServiceRouter
from apik_shared.platform.uploads import UnsupportedAttachment

router = ServiceRouter(tags=["applications"])
# The code is shown once and is the applicant's only key: no cache and no referrer keeps it.
PRIVATE = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}


@router.post(
    "/public/applications",
    status_code=201,
    response_model=ApplicationReceipt,
    responses=problem_responses(
        InvalidInput, PayloadTooLarge, UnsupportedAttachment, form.UnsupportedBody
    ),
    openapi_extra=form.openapi_body(),
)
async def file_application(
    request: Request,
    session: DbSession,
    cipher: Cipher,
    code_key: CodeKey,
    settings: CurrentSettings,
) -> JSONResponse:
    """Files an application to intern: `multipart/form-data` with the application (JSON)
    in an `application` part and the institution's letter in a `letter` part. The answer
    holds the code the applicant tracks it with, shown this once.

    No `Idempotency-Key` replay: the code is never stored in clear, so a replay could not
    give it back; a retried form files a second application, which the reviewer declines."""
    data, letter = await form.read_form(
        request, allowed=settings.letter_types, max_letter_bytes=settings.letter_max_bytes
    )
    service.check_request(
        data,
        units=settings.units,
        max_period_days=settings.max_period_days,
        pointer=f"#/{form.APPLICATION_PART}",
    )
    application, code = await service.file_application(
        session=session, cipher=cipher, code_key=code_key, data=data, letter=letter
    )
    receipt = ApplicationReceipt(
        application_code=code,
        status=ApplicationStatus(application.status),
        submitted_at=application.submitted_at,
    )
    return JSONResponse(
        receipt.model_dump(mode="json"),
        status_code=201,
        headers={"Location": f"{request.url.path}/{code}", **PRIVATE},
    )


@router.get(
    "/public/applications/{code}",
    response_model=ApplicationStatusView,
    responses=problem_responses(NotFound),
)
async def application_status(
    code: Annotated[str, Path(min_length=1, max_length=64)],
    session: DbSession,
    code_key: CodeKey,
) -> JSONResponse:
    """Where an application stands, for whoever holds its code: no name, no letter."""
    application = await service.by_code(session=session, code_key=code_key, code=code)
    view = ApplicationStatusView.model_validate(application, from_attributes=True)
    return JSONResponse(view.model_dump(mode="json"), headers=PRIVATE)
