"""The acceptance letter: printed for an accepted application by its reviewers (the
applicant's name on it, so the print is a full read, audited), with a QR code to its
public check; and that check, for whoever holds the letter's code."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import select

from apik_internship.applications import rules
from apik_internship.applications.rules import ApplicationStatus
from apik_internship.applications.schemas import DocumentCheck
from apik_internship.applications.service.reading import (
    ApplicantAccess,
    applicant_for_print,
    applicant_name,
)
from apik_internship.models import AcceptanceLetter, Application
from apik_internship.refusals import InternshipStepRefused
from apik_shared.documents.issuer import Issuer, issuer_of
from apik_shared.platform.crypto import FieldCipher
from apik_shared.platform.problems import NotFound
from apik_shared.vocabulary.labels import named

LETTER_PREFIX = "PNR"  # surat penerimaan


@dataclass(frozen=True)
class LetterContent:
    """What the letter prints."""

    application: Application
    applicant: dict[str, str | None]
    issuer: Issuer
    code: str
    url: str


async def acceptance_letter(
    *,
    session: AsyncSession,
    access: ApplicantAccess,
    application: Application,
    code_key: bytes,
    public_url: str,
    actor: str,
) -> LetterContent:
    """The letter of an accepted application (409 before, or when declined). Its first
    print records the code's hash, so that the code verifies from then on."""
    if application.status != ApplicationStatus.accepted:
        raise InternshipStepRefused.not_accepted(
            f"The application is {application.status}: only an accepted one has a letter.",
            named(rules.STATUSES, application.status),
        )
    code = rules.document_code(code_key, LETTER_PREFIX, str(application.id))
    await session.execute(
        insert(AcceptanceLetter)
        .values(
            application_id=application.id,
            office=application.office,
            verify_hash=rules.code_hash(code_key, code),
            issued_by=actor,
        )
        .on_conflict_do_nothing(index_elements=["application_id"])
    )
    applicant = await applicant_for_print(
        session=session, access=access, application=application, purpose="print the letter"
    )
    return LetterContent(
        application=application,
        applicant=applicant,
        issuer=await issuer_of(session, application.office),
        code=code,
        url=rules.check_address(public_url, code),
    )


async def check_document(
    *,
    session: AsyncSession,
    cipher: FieldCipher,
    application: Application,
    document: str,
    issued_at: datetime,
) -> DocumentCheck:
    """A document's public check: genuine, whose (partly masked), what it says."""
    issuer = await issuer_of(session, application.office)
    return DocumentCheck(
        document=document,
        valid=True,
        name=rules.partly_masked(applicant_name(cipher, application)),
        institution=application.institution,
        programme=application.programme,
        unit=application.unit,
        period_start=application.period_start,
        period_end=application.period_end,
        office=application.office,
        office_name=issuer.name,
        issued_at=issued_at,
    )


async def check_letter(
    *, session: AsyncSession, cipher: FieldCipher, code_key: bytes, code: str
) -> DocumentCheck:
    """The check of the letter whose code this is; 404 for any other code."""
    normalised = rules.normalised_code(code, LETTER_PREFIX)
    if normalised is not None:
        found = (
            await session.execute(
                select(AcceptanceLetter, Application)
                .join(Application, Application.id == AcceptanceLetter.application_id)  # type: ignore[arg-type]
                .where(AcceptanceLetter.verify_hash == rules.code_hash(code_key, normalised))
            )
        ).first()
        if found is not None:
            letter, application = found
            return await check_document(
                session=session,
                cipher=cipher,
                application=application,
                document="acceptance_letter",
                issued_at=letter.issued_at,
            )
    raise NotFound("No acceptance letter has this code.")
