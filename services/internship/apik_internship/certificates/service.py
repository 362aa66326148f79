"""Certificates: issued on the supervisor's completion request when the rules are met,
read by the office's staff, printed by its reviewers (audited), checked by anyone
holding the code."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_internship.applications import rules as application_rules
from apik_internship.applications import service as applications
from apik_internship.applications.rules import ApplicationStatus
from apik_internship.applications.schemas import DocumentCheck
from apik_internship.applications.service import ApplicantAccess
from apik_internship.certificates import rules
from apik_internship.certificates.rules import CERTIFICATE_PREFIX, Counted, Recap, Thresholds
from apik_internship.certificates.schemas import CompletionRequest
from apik_internship.evaluations import service as evaluations
from apik_internship.logbook.rules import EntryStatus
from apik_internship.models import (
    Absence,
    Application,
    AttendanceDay,
    Certificate,
    LogbookEntry,
)
from apik_internship.refusals import InternshipStepRefused
from apik_shared.documents.issuer import Issuer, issuer_of
from apik_shared.platform.auth import Principal
from apik_shared.platform.crypto import FieldCipher
from apik_shared.platform.events.payloads.internship import InternCompleted
from apik_shared.platform.events.publish import publish
from apik_shared.platform.offices import office_calendar
from apik_shared.platform.problems import Conflict, InvalidInput, NotFound, field_error
from apik_shared.vocabulary.calendar import OfficeCalendar
from apik_shared.vocabulary.labels import named


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
    """Issues the certificate of a (locked) accepted application when the recap, counted
    from the intern's records (`rules.counted`) plus what is stated for the days before
    them, meets every rule (`rules.unmet`; 409 `completion-not-met` naming each rule);
    `intern.completed` in the same transaction."""
    if application.status != ApplicationStatus.accepted:
        raise InternshipStepRefused.not_accepted(
            f"The application is {application.status}: only an accepted intern completes.",
            named(application_rules.STATUSES, application.status),
        )
    existing = await session.scalar(
        select(Certificate.id).where(Certificate.application_id == application.id)
    )
    if existing is not None:
        raise AlreadyIssued(f"Certificate {existing} was issued for this internship.")
    calendar = await office_calendar(session, application.office)
    now = datetime.now(UTC)
    count = await _counted(session, calendar, application)
    working_days = count.working_days
    days_present, logbook_approved = count.days_present, count.logbook_approved
    stated = data.before_records
    if stated is not None:
        if count.days_before_records == 0:
            raise InvalidInput.field(
                "#/body/before_records",
                "No working day of the period comes before the intern's records began"
                f" ({count.records_began}): there is nothing to state.",
                code="nothing_before_records",
                records_began=str(count.records_began),
            )
        for field, value in (
            ("days_present", stated.days_present),
            ("logbook_approved", stated.logbook_approved),
        ):
            if value > count.days_before_records:
                raise InvalidInput.field(
                    f"#/body/before_records/{field}",
                    f"{value} is more than the {count.days_before_records} working days"
                    " before the intern's records began.",
                    code="less_than_equal",
                    le=count.days_before_records,
                )
        days_present += stated.days_present
        logbook_approved += stated.logbook_approved
    evaluation_score = data.evaluation_score
    if evaluation_score is None:
        evaluation_score = await evaluations.final_score(session=session, application=application)
        if evaluation_score is None:
            raise InvalidInput.field(
                "#/body/evaluation_score",
                "No supervisor has evaluated the intern: evaluate them, or state the score.",
                code="not_evaluated",
            )
    recap = Recap(
        working_days=working_days,
        days_present=days_present,
        logbook_approved=logbook_approved,
        evaluation_score=evaluation_score,
    )
    unmet = rules.unmet(
        recap, thresholds, today=calendar.local_date(now), period_end=application.period_end
    )
    if unmet:
        raise CompletionNotMet(
            "Not met: " + ", ".join(u.rule for u in unmet) + ".",
            errors=[
                # Attendance and the logbook are counted, not sent: the whole body.
                field_error(
                    "#/body/evaluation_score" if u.rule == "evaluation" else "#/body", u.why
                )
                for u in unmet
            ],
        )
    certificate = Certificate(
        id=uuid.uuid4(),
        application_id=application.id,
        office=application.office,
        working_days=working_days,
        days_present=days_present,
        logbook_approved=logbook_approved,
        evaluation_score=evaluation_score,
        records_began=count.records_began,
        stated_days_present=stated.days_present if stated else None,
        stated_logbook_approved=stated.logbook_approved if stated else None,
        stated_reason=stated.reason if stated else None,
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


async def _counted(
    session: AsyncSession, calendar: OfficeCalendar, application: Application
) -> Counted:
    """The period counted from the intern's own attendance, absences and logbook."""
    attended = await session.scalars(
        select(col(AttendanceDay.day)).where(AttendanceDay.application_id == application.id)
    )
    excused = await session.scalars(
        select(col(Absence.day)).where(Absence.application_id == application.id)
    )
    entries = (
        await session.execute(
            select(col(LogbookEntry.day), col(LogbookEntry.status)).where(
                LogbookEntry.application_id == application.id
            )
        )
    ).all()
    return rules.counted(
        calendar,
        (application.period_start, application.period_end),
        attended=list(attended),
        excused=list(excused),
        logbook=[day for day, _ in entries],
        approved=[day for day, status in entries if status == EntryStatus.approved],
    )


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
        url=application_rules.check_address(public_url, code),
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
