"""Coaching clinics (CCHC) for agencies' complaint handlers: registration, attendance,
pre- and post-tests, N-gain, completion with certificates, and the year's comparison."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import Query, Request, Response

from apik_prevention.assessments.schemas import Year
from apik_prevention.clinics import service, views
from apik_prevention.clinics.rules import (
    CONVENTION,
    ClinicStatus,
    certificate_code,
    check_address,
)
from apik_prevention.clinics.schemas import (
    Attendance,
    CertificateCheck,
    ClinicCreate,
    ClinicGains,
    ClinicPublic,
    Effectiveness,
    ParticipantCreate,
    ParticipantPublic,
    TestScores,
)
from apik_prevention.deps import (
    AUTH,
    Cipher,
    ClinicCodeKey,
    ClinicCreator,
    CurrentClinic,
    CurrentSettings,
    LockedClinic,
    Officer,
    ParticipantsOf,
    Reader,
)
from apik_shared.documents.issuer import issuer_of
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

router = ServiceRouter(tags=["clinics"])
WRITE = (*AUTH, NotFound, InvalidInput, PreconditionFailed, TransitionNotAllowed)
PDF: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
        "description": "the certificate as a PDF",
    }
}


@router.post(
    "/clinics",
    status_code=201,
    response_model=ClinicPublic,
    responses=problem_responses(*AUTH, InvalidInput),
)
async def create_clinic(
    data: ClinicCreate,
    request: Request,
    session: DbSession,
    actor: ClinicCreator,
    key: ClinicCodeKey,
    cipher: Cipher,
) -> Response:
    """A clinic of the caller's office: title, date, place, the agencies invited and the
    test's maximum score."""
    idempotency = Idempotency(session, request, caller=actor.subject)
    if (replay := await idempotency.begin()) is not None:
        return replay
    clinic = await service.create_clinic(session=session, data=data, actor=actor)
    body = await views.one(session, clinic, actor, cipher, key)
    location = f"{request.url.path}/{clinic.id}"
    return await created(idempotency, body, location=location, version=clinic.version)


@router.get(
    "/clinics/effectiveness",
    response_model=Effectiveness,
    responses=problem_responses(*AUTH, InvalidInput),
)
async def effectiveness(
    session: DbSession,
    actor: Reader,
    year: Annotated[Year, Query(description="the year the clinics were held")],
) -> Effectiveness:
    """The office's clinics of a year by date, each with its class gain (Hake's) and
    the mean of individual gains, to compare them over time."""
    clinics = await service.clinics_of_year(session=session, actor=actor, year=year)
    return Effectiveness(
        year=year,
        clinics=[await views.effectiveness(session, c) for c in clinics],
        convention=CONVENTION,
    )


@router.get(
    "/clinics/{clinic_id}",
    response_model=ClinicPublic,
    responses=problem_responses(*AUTH, NotFound),
)
async def get_clinic(
    clinic_id: uuid.UUID,
    session: DbSession,
    actor: Reader,
    clinic: CurrentClinic,
    key: ClinicCodeKey,
    cipher: Cipher,
) -> Response:
    return await views.answer(session, clinic, actor, cipher, key)


@router.post(
    "/clinics/{clinic_id}/participants",
    status_code=201,
    response_model=ParticipantPublic,
    responses=problem_responses(*WRITE),
)
async def register_participant(
    clinic_id: uuid.UUID,
    data: ParticipantCreate,
    request: Request,
    session: DbSession,
    actor: Officer,
    clinic: ParticipantsOf,
    key: ClinicCodeKey,
    cipher: Cipher,
) -> Response:
    """A complaint handler registered for a planned clinic: name and agency only."""
    idempotency = Idempotency(session, request, caller=actor.subject)
    if (replay := await idempotency.begin()) is not None:
        return replay
    row = await service.register(
        session=session, cipher=cipher, clinic=clinic, data=data, actor=actor
    )
    body = views.participant(clinic, row, actor, cipher, key)
    location = f"{request.url.path}/{row.id}"
    return await created(idempotency, body, location=location)


@router.get(
    "/clinics/{clinic_id}/participants/{participant_id}",
    response_model=ParticipantPublic,
    responses=problem_responses(*AUTH, NotFound),
)
async def get_participant(
    clinic_id: uuid.UUID,
    participant_id: uuid.UUID,
    session: DbSession,
    actor: Reader,
    clinic: CurrentClinic,
    key: ClinicCodeKey,
    cipher: Cipher,
) -> ParticipantPublic:
    row = await service.get_participant(
        session=session, clinic=clinic, participant_id=participant_id
    )
    if views.in_full(actor):
        service.audit_read(session, clinic, [row], actor, "participant")
    return views.participant(clinic, row, actor, cipher, key)


@router.get(
    "/clinics/{clinic_id}/participants/{participant_id}/certificate.pdf",
    response_class=Response,
    responses={**PDF, **problem_responses(*AUTH, NotFound)},
)
async def print_certificate(
    clinic_id: uuid.UUID,
    participant_id: uuid.UUID,
    session: DbSession,
    actor: Officer,
    clinic: CurrentClinic,
    key: ClinicCodeKey,
    settings: CurrentSettings,
    cipher: Cipher,
) -> Response:
    """The certificate of a participant who attended a completed clinic, to print (it
    names them: the prevention unit only, audited as a full read)."""
    row = await service.get_participant(
        session=session, clinic=clinic, participant_id=participant_id
    )
    if clinic.status != ClinicStatus.completed or row.verify_hash is None:
        raise NotFound("No certificate: the clinic is not completed or they did not attend.")
    service.audit_read(session, clinic, [row], actor, "certificate")
    code = certificate_code(key, str(row.id))
    url = check_address(settings.public_url, code)
    holder = service.identity_of(cipher, row).name
    issuer = await issuer_of(session, clinic.office)
    body = views.certificate_pdf(clinic, row, holder, issuer, code, url)
    return Response(
        body,
        media_type="application/pdf",
        headers={
            "Content-Disposition": f'inline; filename="sertifikat-{code}.pdf"',
            "Cache-Control": "private, no-store",
        },
    )


@router.put(
    "/clinics/{clinic_id}/attendance",
    response_model=ClinicPublic,
    responses=problem_responses(*WRITE),
)
async def set_attendance(
    clinic_id: uuid.UUID,
    data: Attendance,
    session: DbSession,
    actor: Officer,
    clinic: LockedClinic,
    key: ClinicCodeKey,
    cipher: Cipher,
) -> Response:
    """Who attended: the whole list (everyone else did not). `If-Match`: the clinic's."""
    clinic = await service.set_attendance(session=session, clinic=clinic, data=data)
    return await views.answer(session, clinic, actor, cipher, key)


@router.post(
    "/clinics/{clinic_id}/tests",
    response_model=ClinicPublic,
    responses=problem_responses(*WRITE),
)
async def record_tests(
    clinic_id: uuid.UUID,
    data: TestScores,
    session: DbSession,
    actor: Officer,
    clinic: LockedClinic,
    key: ClinicCodeKey,
    cipher: Cipher,
) -> Response:
    """Pre- and post-test scores of participants (0 to the clinic's maximum; all or
    none are recorded). `If-Match`: the clinic's."""
    clinic = await service.record_tests(session=session, clinic=clinic, data=data)
    return await views.answer(session, clinic, actor, cipher, key)


@router.get(
    "/clinics/{clinic_id}/n-gain",
    response_model=ClinicGains,
    responses=problem_responses(*AUTH, NotFound),
)
async def n_gain(
    clinic_id: uuid.UUID,
    session: DbSession,
    actor: Reader,
    clinic: CurrentClinic,
    cipher: Cipher,
) -> ClinicGains:
    """N-gain per participant and per class (`clinics.rules`): high g >= 0.7, medium
    0.3 <= g < 0.7, low g < 0.3 (0.3 is medium, 0.7 is high, decided on exact
    fractions); undefined (null, category `undefined`) when the pre-test is at the
    maximum or a test is missing, and then left out of the mean of individual gains.
    The class has Hake's class gain (from the mean percentages) and the mean of
    individual gains, labelled apart."""
    return await views.gains(session, clinic, actor, cipher)


@router.post(
    "/clinics/{clinic_id}/complete",
    response_model=ClinicPublic,
    responses=problem_responses(*WRITE, service.NobodyAttended),
)
async def complete_clinic(
    clinic_id: uuid.UUID,
    session: DbSession,
    actor: Officer,
    clinic: LockedClinic,
    key: ClinicCodeKey,
    cipher: Cipher,
) -> Response:
    """Completes the clinic: a certificate with a verify code for each participant who
    attended, and `clinic.completed` (counts and gains only). `If-Match`: the clinic's."""
    clinic = await service.complete(session=session, clinic=clinic, actor=actor, code_key=key)
    return await views.answer(session, clinic, actor, cipher, key)


@router.get(
    "/public/clinics/certificates/{code}",
    response_model=CertificateCheck,
    responses=problem_responses(NotFound),
)
async def check_certificate(
    code: str, session: DbSession, key: ClinicCodeKey, cipher: Cipher
) -> CertificateCheck:
    """No login: whether a clinic certificate with this code was issued, for whom
    (masked) and for which clinic."""
    return await service.check_certificate(session=session, cipher=cipher, code_key=key, code=code)
