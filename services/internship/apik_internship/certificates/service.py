"""Certificates: issued on the supervisor's completion request when the rules are met,
read by the office's staff, printed by its reviewers (audited), checked by anyone
holding the code."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import select

from apik_internship.applications import rules as application_rules
from apik_internship.applications import service as applications
from apik_internship.applications.rules import ApplicationStatus
from apik_internship.applications.schemas import DocumentCheck
from apik_internship.applications.service import ApplicantAccess
from apik_internship.certificates import rules
from apik_internship.certificates.rules import CERTIFICATE_PREFIX, Recap, Thresholds
from apik_internship.certificates.schemas import CompletionRequest
from apik_internship.evaluations import service as evaluations
from apik_internship.models import Application, Certificate
from apik_shared.documents.issuer import Issuer, issuer_of
from apik_shared.platform.auth import Principal
from apik_shared.platform.crypto import FieldCipher
from apik_shared.platform.events.payloads.internship import InternCompleted
from apik_shared.platform.events.publish import publish
from apik_shared.platform.offices import office_calendar
from apik_shared.platform.problems import Conflict, InvalidInput, NotFound, TransitionNotAllowed

CERTIFICATE_ROUTE = "/api/v1/internship/public/certificates"


class CompletionNotMet(Conflict):
    slug, title = "completion-not-met", "The internship does not meet the rules of completion"


class AlreadyIssued(Conflict):
    slug, title = "certificate-already-issued", "The internship already has its certificate"


def verification_code(code_key: bytes, certificate_id: uuid.UUID) -> str:
    return application_rules.document_code(code_key, CERTIFICATE_PREFIX, str(certificate_id))


async def issue(
    *,
    session: AsyncSession,
    application: Application,
    data: CompletionRequest,
    thresholds: Thresholds,
    code_key: bytes,
    actor: Principal,
) -> Certificate:
    """Issues the certificate of a (locked) accepted application when the recap meets
    every rule (`rules.unmet`; 409 `completion-not-met` naming each field otherwise);
    `intern.completed` in the same transaction."""
    if application.status != ApplicationStatus.accepted:
        raise TransitionNotAllowed(
            f"The application is {application.status}: only an accepted intern completes."
        )
    existing = await session.scalar(
        select(Certificate.id).where(Certificate.application_id == application.id)
    )
    if existing is not None:
        raise AlreadyIssued(f"Certificate {existing} was issued for this internship.")
    calendar = await office_calendar(session, application.office)
    now = datetime.now(UTC)
    # Working days of the period, both ends included.
    working_days = calendar.working_days_between(
        application.period_start - timedelta(days=1), application.period_end
    )
    for field, value in (
        ("days_present", data.days_present),
        ("logbook_approved", data.logbook_approved),
    ):
        if value > working_days:
            raise InvalidInput.field(
                f"#/body/{field}",
                f"{value} is more than the period's {working_days} working days.",
            )
    evaluation_score = data.evaluation_score
    if evaluation_score is None:
        evaluation_score = await evaluations.final_score(session=session, application=application)
        if evaluation_score is None:
            raise InvalidInput.field(
                "#/body/evaluation_score",
                "No supervisor has evaluated the intern: evaluate them, or state the score.",
            )
    recap = Recap(
        working_days=working_days,
        days_present=data.days_present,
        logbook_approved=data.logbook_approved,
        evaluation_score=evaluation_score,
    )
    unmet = rules.unmet(
        recap, thresholds, today=calendar.local_date(now), period_end=application.period_end
    )
    if unmet:
        raise CompletionNotMet(
            "Not met: " + ", ".join(u.rule for u in unmet) + ".",
            errors=[
                {
                    "pointer": "#/body" if u.rule == "period" else f"#/body/{u.field}",
                    "detail": f"{u.rule}: needs {u.required}, has {u.actual}",
                }
                for u in unmet
            ],
        )
    certificate = Certificate(
        id=uuid.uuid4(),
        application_id=application.id,
        office=application.office,
        working_days=working_days,
        days_present=data.days_present,
        logbook_approved=data.logbook_approved,
        evaluation_score=evaluation_score,
        issued_by=actor.username,
        issued_at=now,
        verify_hash="",
    )
    certificate.verify_hash = application_rules.code_hash(
        code_key, verification_code(code_key, certificate.id)
    )
    session.add(certificate)
    await session.flush()
    await publish(
        session,
        InternCompleted(
            application_id=str(application.id),
            certificate_id=str(certificate.id),
            office=application.office,
            institution_kind=application.institution_kind,
            unit=application.unit,
            period_start=application.period_start,
            period_end=application.period_end,
            completed_at=now,
            completed_by=actor.username,
        ),
        subject=str(application.id),
    )
    return certificate


async def get_certificate(
    *, session: AsyncSession, certificate_id: uuid.UUID, actor: Principal
) -> Certificate:
    """The certificate, if the caller may see its office (the same 404 otherwise)."""
    certificate = await session.get(Certificate, certificate_id)
    if certificate is None or not actor.can_see_office(certificate.office):
        raise NotFound(f"No certificate {certificate_id}.")
    return certificate


async def of_application(*, session: AsyncSession, application: Application) -> Certificate:
    """The internship's certificate (404 until it is issued)."""
    certificate = await session.scalar(
        select(Certificate).where(Certificate.application_id == application.id)
    )
    if certificate is None:
        raise NotFound("No certificate has been issued for this internship yet.")
    return certificate


@dataclass(frozen=True)
class CertificateContent:
    """What the certificate prints."""

    certificate: Certificate
    application: Application
    applicant: dict[str, str | None]
    issuer: Issuer
    code: str
    url: str


async def for_print(
    *,
    session: AsyncSession,
    access: ApplicantAccess,
    certificate: Certificate,
    code_key: bytes,
    public_url: str,
) -> CertificateContent:
    """The certificate's content, the intern's name in full: reviewers only, audited."""
    application = await session.get(Application, certificate.application_id)
    if application is None:  # a foreign key
        raise NotFound(f"No application for certificate {certificate.id}.")
    applicant = await applications.applicant_for_print(
        session=session, access=access, application=application, purpose="print the certificate"
    )
    code = verification_code(code_key, certificate.id)
    return CertificateContent(
        certificate=certificate,
        application=application,
        applicant=applicant,
        issuer=await issuer_of(session, certificate.office),
        code=code,
        url=f"{public_url.rstrip('/')}{CERTIFICATE_ROUTE}/{code}",
    )


async def check(
    *, session: AsyncSession, cipher: FieldCipher, code_key: bytes, code: str
) -> DocumentCheck:
    """The public check of the certificate whose code this is; 404 for any other."""
    normalised = application_rules.normalised_code(code, CERTIFICATE_PREFIX)
    if normalised is not None:
        found = (
            await session.execute(
                select(Certificate, Application)
                .join(Application, Application.id == Certificate.application_id)  # type: ignore[arg-type]
                .where(Certificate.verify_hash == application_rules.code_hash(code_key, normalised))
            )
        ).first()
        if found is not None:
            certificate, application = found
            return await applications.check_document(
                session=session,
                cipher=cipher,
                application=application,
                document="certificate",
                issued_at=certificate.issued_at,
            )
    raise NotFound("No certificate has this code.")
