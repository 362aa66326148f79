"""Attachments: staff upload and download; the reporter uploads with the tracking PIN.

The body of an upload is the file itself (`Content-Type` is not trusted: the content
decides), and the name comes in `?filename=`.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Header, Query, Request, Response
from fastapi.responses import JSONResponse

from apik_intake import attachments, service
from apik_intake.deps import AUTH, IntakeSettings, Officer, Reader
from apik_intake.models import Attachment
from apik_intake.schemas_public import AttachmentPublic
from apik_intake.sealing import SealedStore
from apik_intake.tracking import Lockout, Verdict, check_pin
from apik_shared.db import DbSession, TransactionalRoute
from apik_shared.idempotency import Idempotency
from apik_shared.pagination import Page
from apik_shared.problems import (
    InvalidInput,
    NotFound,
    PayloadTooLarge,
    TooManyRequests,
    problem_response,
    problem_responses,
)

router = APIRouter(route_class=TransactionalRoute, tags=["attachments"])
UPLOAD_PROBLEMS = problem_responses(
    *AUTH, NotFound, InvalidInput, PayloadTooLarge, attachments.UnsupportedAttachment
)
Filename = Annotated[str, Query(min_length=1, max_length=255, description="e.g. ktp.pdf")]
FILE_BODY = {
    "requestBody": {
        "required": True,
        "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
    }
}


def _vault(request: Request) -> SealedStore:
    vault: SealedStore = request.app.state.attachments
    return vault


def _public(attachment: Attachment) -> AttachmentPublic:
    return AttachmentPublic.model_validate(attachment, from_attributes=True)


@router.post(
    "/reports/{report_id}/attachments",
    status_code=201,
    response_model=AttachmentPublic,
    responses=UPLOAD_PROBLEMS,
    openapi_extra=FILE_BODY,
    operation_id="intake_upload_attachment",
)
async def upload_attachment(
    report_id: uuid.UUID,
    filename: Filename,
    request: Request,
    session: DbSession,
    actor: Officer,
    settings: IntakeSettings,
) -> Response:
    report = await service.get_report(session=session, report_id=report_id, actor=actor)
    idempotency = Idempotency(session, request, caller=actor.subject)
    if (replay := await idempotency.begin()) is not None:
        return replay
    data = await attachments.read_limited(request.stream(), settings.attachment_max_bytes)
    attachment = await attachments.add_attachment(
        session=session,
        vault=_vault(request),
        report=report,
        filename=filename,
        data=data,
        allowed=settings.attachment_types,
        max_bytes=settings.attachment_max_bytes,
        uploaded_by=actor.username,
    )
    body = _public(attachment).model_dump(mode="json")
    await idempotency.remember(201, body)
    return JSONResponse(body, status_code=201)


@router.get(
    "/reports/{report_id}/attachments",
    response_model=Page[AttachmentPublic],
    responses=problem_responses(*AUTH, NotFound),
    operation_id="intake_list_attachments",
)
async def list_attachments(
    report_id: uuid.UUID, session: DbSession, actor: Reader
) -> Page[AttachmentPublic]:
    await service.get_report(session=session, report_id=report_id, actor=actor)
    rows = await attachments.list_attachments(session=session, report_id=report_id)
    return Page(items=[_public(a) for a in rows])


@router.get(
    "/reports/{report_id}/attachments/{attachment_id}",
    responses=problem_responses(*AUTH, NotFound),
    response_class=Response,
    operation_id="intake_download_attachment",
)
async def download_attachment(
    report_id: uuid.UUID,
    attachment_id: uuid.UUID,
    request: Request,
    session: DbSession,
    actor: Reader,
) -> Response:
    await service.get_report(session=session, report_id=report_id, actor=actor)
    attachment = await attachments.get_attachment(
        session=session, report_id=report_id, attachment_id=attachment_id
    )
    data = await attachments.read_content(vault=_vault(request), attachment=attachment)
    return Response(
        data,
        media_type=attachment.media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{attachment.filename}"',
            "X-Content-Type-Options": "nosniff",
            "ETag": f'"{attachment.sha256}"',
        },
    )


@router.post(
    "/public/reports/{registration_number}/attachments",
    status_code=201,
    response_model=AttachmentPublic,
    responses=problem_responses(NotFound, InvalidInput, PayloadTooLarge, TooManyRequests),
    openapi_extra=FILE_BODY,
    tags=["public"],
    operation_id="intake_public_upload_attachment",
)
async def public_upload_attachment(
    registration_number: str,
    filename: Filename,
    request: Request,
    session: DbSession,
    settings: IntakeSettings,
    x_tracking_pin: Annotated[str, Header(min_length=4, max_length=32)],
) -> Response:
    """The reporter adds a file to their report, with the tracking PIN."""
    now = datetime.now(UTC)
    verdict, report, _ = await check_pin(
        session=session,
        key=request.app.state.tracking_key,
        registration_number=registration_number,
        pin=x_tracking_pin,
        policy=Lockout(
            max_failures=settings.tracking_max_failures,
            window=timedelta(seconds=settings.tracking_window_seconds),
            lock=timedelta(seconds=settings.tracking_lock_seconds),
        ),
        now=now,
    )
    if verdict is Verdict.locked:
        locked = TooManyRequests("Too many wrong PINs for this report; try again later.")
        return problem_response(locked, request.url.path)
    if report is None:
        # Returned, not raised: the wrong PIN must be counted.
        missing = NotFound("No report with this registration number and PIN.")
        return problem_response(missing, request.url.path)
    data = await attachments.read_limited(request.stream(), settings.attachment_max_bytes)
    attachment = await attachments.add_attachment(
        session=session,
        vault=_vault(request),
        report=report,
        filename=filename,
        data=data,
        allowed=settings.attachment_types,
        max_bytes=settings.attachment_max_bytes,
        uploaded_by="public:web",
    )
    return JSONResponse(_public(attachment).model_dump(mode="json"), status_code=201)
