"""Attachments: staff upload and download (the reporter's upload is in `public`).

The body of an upload is the file itself (`Content-Type` is not trusted: the content
decides), and the name comes in `?filename=`.
"""

from __future__ import annotations

import uuid

from fastapi import Request, Response

from apik_intake.attachments import service
from apik_intake.attachments.schemas import AttachmentPublic, PortalFilePublic
from apik_intake.deps import AUTH, CurrentSettings, Officer, Reader, ReportInOffice, Vault
from apik_shared.platform.db import DbSession
from apik_shared.platform.idempotency import Idempotency
from apik_shared.platform.pagination import Page
from apik_shared.platform.problems import InvalidInput, NotFound, PayloadTooLarge, problem_responses
from apik_shared.platform.routing import ServiceRouter, created
from apik_shared.platform.uploads import FILE_BODY, Filename
from apik_shared.vocabulary.files import content_disposition

router = ServiceRouter(tags=["attachments"])
UPLOAD_PROBLEMS = problem_responses(
    *AUTH, NotFound, InvalidInput, PayloadTooLarge, service.UnsupportedAttachment
)


@router.post(
    "/reports/{report_id}/attachments",
    status_code=201,
    response_model=AttachmentPublic,
    responses=UPLOAD_PROBLEMS,
    openapi_extra=FILE_BODY,
)
async def upload_attachment(
    filename: Filename,
    request: Request,
    session: DbSession,
    actor: Officer,
    report: ReportInOffice,
    vault: Vault,
    settings: CurrentSettings,
) -> Response:
    idempotency = Idempotency(session, request, caller=actor.subject)
    if (replay := await idempotency.begin()) is not None:
        return replay
    data = await service.read_limited(request.stream(), settings.attachment_max_bytes)
    attachment = await service.add_attachment(
        session=session,
        vault=vault,
        report=report,
        filename=filename,
        data=data,
        allowed=settings.attachment_types,
        max_bytes=settings.attachment_max_bytes,
        uploaded_by=actor.username,
    )
    return await created(
        idempotency,
        AttachmentPublic.model_validate(attachment, from_attributes=True),
        location=f"{request.url.path}/{attachment.id}",
    )


@router.get(
    "/reports/{report_id}/attachments",
    response_model=Page[AttachmentPublic],
    responses=problem_responses(*AUTH, NotFound),
)
async def list_attachments(
    session: DbSession, actor: Reader, report: ReportInOffice
) -> Page[AttachmentPublic]:
    rows = await service.list_attachments(session=session, report_id=report.id)
    return Page(items=[AttachmentPublic.model_validate(a, from_attributes=True) for a in rows])


@router.get(
    "/reports/{report_id}/portal-files",
    response_model=Page[PortalFilePublic],
    summary="The files a complaint pulled from a portal named, and whether each was fetched",
    responses=problem_responses(*AUTH, NotFound),
)
async def list_portal_files(
    session: DbSession, actor: Reader, report: ReportInOffice
) -> Page[PortalFilePublic]:
    rows = await service.list_portal_files(session=session, report_id=report.id)
    return Page(items=[PortalFilePublic.model_validate(f, from_attributes=True) for f in rows])


@router.get(
    "/reports/{report_id}/attachments/{attachment_id}",
    responses=problem_responses(*AUTH, NotFound),
    response_class=Response,
)
async def download_attachment(
    attachment_id: uuid.UUID,
    session: DbSession,
    actor: Reader,
    report: ReportInOffice,
    vault: Vault,
) -> Response:
    attachment = await service.get_attachment(
        session=session, report_id=report.id, attachment_id=attachment_id
    )
    data = await service.read_content(vault=vault, attachment=attachment)
    return Response(
        data,
        media_type=attachment.media_type,
        headers={
            "Content-Disposition": content_disposition(attachment.filename),
            "X-Content-Type-Options": "nosniff",
            "ETag": f'"{attachment.sha256}"',
        },
    )
