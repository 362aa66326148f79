"""Certificates: the completion request that issues one, its reading and printing by the
office's staff, and its public check (no login: the QR on it leads there)."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import Path, Request, Response
from fastapi.responses import JSONResponse

from apik_internship.applications.schemas import DocumentCheck
from apik_internship.applications.service import ApplicantAccess
from apik_internship.certificates import service, views
from apik_internship.certificates.schemas import CertificatePublic, CompletionRequest
from apik_internship.deps import (
    AUTH,
    Applicants,
    Cipher,
    CodeKey,
    CompletionThresholds,
    CurrentApplication,
    CurrentCertificate,
    CurrentIntern,
    CurrentSettings,
    InternRole,
    LockedApplication,
    Reader,
    Reviewer,
)
from apik_shared.platform.auth import Role
from apik_shared.platform.db import DbSession
from apik_shared.platform.idempotency import Idempotency
from apik_shared.platform.problems import (
    InvalidInput,
    NotFound,
    PreconditionFailed,
    TransitionNotAllowed,
    problem_responses,
)
from apik_shared.platform.routing import ServiceRouter, created

router = ServiceRouter(tags=["certificates"])
CERTIFICATES = "/api/v1/internship/certificates"
PDF: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
        "description": "the certificate as a PDF",
    }
}


@router.post(
    "/applications/{application_id}/completion",
    status_code=201,
    response_model=CertificatePublic,
    responses=problem_responses(
        *AUTH,
        NotFound,
        InvalidInput,
        PreconditionFailed,
        TransitionNotAllowed,
        service.CompletionNotMet,
        service.AlreadyIssued,
    ),
)
async def complete_internship(
    application_id: uuid.UUID,
    data: CompletionRequest,
    request: Request,
    session: DbSession,
    actor: Reviewer,
    application: LockedApplication,
    thresholds: CompletionThresholds,
    code_key: CodeKey,
) -> Response:
    """Issues the certificate when the internship meets the rules of completion
    (`APIK_COMPLETION_*`): days present and approved logbook entries are counted from the
    intern's own attendance and logbook over the period's working days by the office's
    calendar; only the working days before the intern's records began may be stated
    (`before_records`, with a reason, kept on the certificate). 409 `completion-not-met`
    names each rule not met; 422 when more is stated than those days."""
    idempotency = Idempotency(session, request, caller=actor.subject)
    if (replay := await idempotency.begin()) is not None:
        return replay
    certificate = await service.issue(
        session=session,
        application=application,
        data=data,
        thresholds=thresholds,
        code_key=code_key,
        actor=actor,
    )
    body = views.public(certificate, code_key)
    return await created(
        idempotency,
        body,
        location=f"{CERTIFICATES}/{certificate.id}",
        version=certificate.version,
    )


@router.get(
    "/certificates/{certificate_id}",
    response_model=CertificatePublic,
    responses=problem_responses(*AUTH, NotFound),
)
async def get_certificate(
    certificate_id: uuid.UUID,
    actor: Reader,
    certificate: CurrentCertificate,
    code_key: CodeKey,
) -> CertificatePublic:
    """A certificate: the recap it was issued on, no personal data."""
    return views.public(certificate, code_key)


@router.get(
    "/applications/{application_id}/certificate",
    response_model=CertificatePublic,
    responses=problem_responses(*AUTH, NotFound),
)
async def get_application_certificate(
    application_id: uuid.UUID,
    actor: Reader,
    application: CurrentApplication,
    session: DbSession,
    code_key: CodeKey,
) -> CertificatePublic:
    """The internship's certificate (404 until issued): how the web app finds the one to
    print in an institution's format."""
    certificate = await service.of_application(session=session, application=application)
    return views.public(certificate, code_key)


@router.get(
    "/certificates/{certificate_id}/certificate.pdf",
    response_class=Response,
    responses={**PDF, **problem_responses(*AUTH, NotFound)},
)
async def print_certificate(
    certificate_id: uuid.UUID,
    session: DbSession,
    actor: Reviewer,
    access: Applicants,
    certificate: CurrentCertificate,
    code_key: CodeKey,
    settings: CurrentSettings,
) -> Response:
    """The certificate to print, to the office's reviewers (it names the intern: the
    head gets 403; audited as a full read)."""
    content = await service.for_print(
        session=session,
        access=access,
        certificate=certificate,
        code_key=code_key,
        public_url=settings.public_url,
    )
    return _pdf(content)


def _pdf(content: service.CertificateContent) -> Response:
    return Response(
        views.certificate_pdf(content),
        media_type="application/pdf",
        headers={
            "Content-Disposition": f'inline; filename="sertifikat-{content.code}.pdf"',
            "Cache-Control": "private, no-store",
        },
    )


@router.get(
    "/interns/me/certificate.pdf",
    response_class=Response,
    responses={**PDF, **problem_responses(*AUTH, NotFound)},
)
async def print_my_certificate(
    session: DbSession,
    actor: InternRole,
    intern: CurrentIntern,
    cipher: Cipher,
    code_key: CodeKey,
    settings: CurrentSettings,
) -> Response:
    """The intern's own certificate, once issued (404 before); audited as theirs."""
    certificate = await service.of_application(session=session, application=intern)
    access = ApplicantAccess(actor=actor, cipher=cipher, roles=frozenset({Role.intern}))
    content = await service.for_print(
        session=session,
        access=access,
        certificate=certificate,
        code_key=code_key,
        public_url=settings.public_url,
    )
    return _pdf(content)


@router.get(
    "/public/certificates/{code}",
    response_model=DocumentCheck,
    responses=problem_responses(NotFound),
)
async def check_certificate(
    code: Annotated[str, Path(min_length=1, max_length=64)],
    session: DbSession,
    cipher: Cipher,
    code_key: CodeKey,
) -> JSONResponse:
    """Whether a certificate with this code was issued, and what it says: the intern's
    name partly masked, programme, period, issuing office. No login."""
    result = await service.check(session=session, cipher=cipher, code_key=code_key, code=code)
    return JSONResponse(result.model_dump(mode="json"), headers={"Cache-Control": "no-store"})
