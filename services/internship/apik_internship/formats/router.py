"""Institutions' formats of the completion record: listed and set by the office's
reviewers (data, not code: labels, order, wording, grades), and a certificate printed in
one of them."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import Path, Request, Response
from fastapi.responses import JSONResponse

from apik_internship.certificates import service as certificates
from apik_internship.deps import (
    AUTH,
    Applicants,
    CodeKey,
    CurrentCertificate,
    CurrentSettings,
    Reader,
    Reviewer,
)
from apik_internship.formats import service, views
from apik_internship.formats.schemas import FormatDefinition, FormatPublic
from apik_shared.platform.db import DbSession
from apik_shared.platform.etag import check_if_match, etag_for
from apik_shared.platform.problems import (
    InvalidInput,
    NotFound,
    PreconditionFailed,
    problem_responses,
)
from apik_shared.platform.routing import ServiceRouter

router = ServiceRouter(tags=["formats"])
Key = Annotated[str, Path(min_length=2, max_length=40, pattern=r"^[a-z0-9][a-z0-9-]*$")]
PDF: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
        "description": "the completion record in the institution's format, as a PDF",
    }
}


@router.get(
    "/institution-formats",
    response_model=list[FormatPublic],
    responses=problem_responses(*AUTH),
)
async def list_formats(session: DbSession, actor: Reader) -> list[FormatPublic]:
    """The formats the caller's office prints with: its own, and those shipped with the
    service (`office` null) that it has not replaced."""
    return await service.formats(session=session, office=actor.office)


@router.get(
    "/institution-formats/{key}",
    response_model=FormatPublic,
    responses=problem_responses(*AUTH, NotFound),
)
async def get_format(key: Key, session: DbSession, actor: Reader) -> JSONResponse:
    """One format, `ETag` its version."""
    found = await service.format_of(session=session, office=actor.office, key=key)
    return JSONResponse(found.model_dump(mode="json"), headers={"ETag": etag_for(found.version)})


@router.put(
    "/institution-formats/{key}",
    response_model=FormatPublic,
    responses=problem_responses(*AUTH, InvalidInput, PreconditionFailed),
)
async def put_format(
    key: Key, data: FormatDefinition, request: Request, session: DbSession, actor: Reviewer
) -> JSONResponse:
    """The office's format `key`, created (201) or replaced (200; `If-Match` its version
    optional): the institution, title, wording with `{name}`, `{institution}`, `{unit}`,
    `{period}`, `{office}`, the items in order under their labels, and grades. A shipped
    format's key makes the office's own version of it."""
    saved, new = await service.put_format(
        session=session,
        key=key,
        definition=data,
        actor=actor,
        check_version=lambda version: check_if_match(request, version),
    )
    return JSONResponse(
        saved.model_dump(mode="json"),
        status_code=201 if new else 200,
        headers={"ETag": etag_for(saved.version)},
    )


@router.get(
    "/certificates/{certificate_id}/formats/{key}.pdf",
    response_class=Response,
    responses={**PDF, **problem_responses(*AUTH, NotFound)},
)
async def print_in_format(
    certificate_id: uuid.UUID,
    key: Key,
    session: DbSession,
    actor: Reviewer,
    access: Applicants,
    certificate: CurrentCertificate,
    code_key: CodeKey,
    settings: CurrentSettings,
) -> Response:
    """The certificate's completion record in an institution's format, from the same
    data and with the same QR code (it names the intern: reviewers only, audited)."""
    chosen = await service.format_of(session=session, office=certificate.office, key=key)
    content = await certificates.for_print(
        session=session,
        access=access,
        certificate=certificate,
        code_key=code_key,
        public_url=settings.public_url,
    )
    pdf = views.format_pdf(
        chosen.definition, service.record_of(content), issuer=content.issuer, url=content.url
    )
    return Response(
        pdf,
        media_type="application/pdf",
        headers={
            "Content-Disposition": f'inline; filename="{key}-{content.code}.pdf"',
            "Cache-Control": "private, no-store",
        },
    )
