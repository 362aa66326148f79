"""Reviewers reading applications: the applicant unsealed, masked for who does not
review them, every full read audited; the letter, to reviewers only."""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from apik_internship.applications import rules
from apik_internship.applications.schemas import ApplicantShown
from apik_internship.applications.service.filing import applicant_context, letter_context
from apik_internship.models import ApplicantRead, Application, ApplicationLetter
from apik_shared.platform.auth import Principal
from apik_shared.platform.crypto import FieldCipher
from apik_shared.platform.problems import Forbidden, NotFound


@dataclass(frozen=True)
class ApplicantAccess:
    """Who reads applicants, the key, and the roles that review them (in full)."""

    actor: Principal
    cipher: FieldCipher
    roles: frozenset[str]

    def in_full(self, application: Application) -> bool:
        # No pass for admin or national: they widen offices, not whom one reviews.
        return self.actor.office == application.office and bool(self.actor.roles & self.roles)


def _read(access: ApplicantAccess, application: Application, purpose: str) -> ApplicantRead:
    return ApplicantRead(
        office=application.office,
        application_id=application.id,
        actor=access.actor.subject,
        actor_username=access.actor.username,
        actor_roles=sorted(access.actor.roles),
        purpose=purpose,
        at=datetime.now(UTC),
    )


async def shown(
    *,
    session: AsyncSession,
    access: ApplicantAccess,
    applications: Sequence[Application],
    purpose: str,
) -> dict[uuid.UUID, ApplicantShown]:
    """Each applicant as this reader may see them; one audit row per full read."""
    out: dict[uuid.UUID, ApplicantShown] = {}
    for application in applications:
        applicant = json.loads(
            access.cipher.decrypt(application.applicant, context=applicant_context(application.id))
        )
        if access.in_full(application):
            session.add(_read(access, application, purpose))
            out[application.id] = ApplicantShown(**applicant, disclosure="full")
        else:
            masked = rules.masked_applicant(applicant)
            out[application.id] = ApplicantShown(**masked, disclosure="masked")
    await session.flush()
    return out


async def get_application(
    *, session: AsyncSession, application_id: uuid.UUID, actor: Principal, for_update: bool = False
) -> Application:
    """The application, if the caller may see its office (the same 404 otherwise)."""
    application = await session.get(Application, application_id, with_for_update=for_update)
    if application is None or not actor.can_see_office(application.office):
        raise NotFound(f"No application {application_id}.")
    return application


async def read_letter(
    *, session: AsyncSession, access: ApplicantAccess, application: Application
) -> tuple[ApplicationLetter, bytes]:
    """The institution's letter, to the office's reviewers only; the read audited."""
    if not access.in_full(application):
        raise Forbidden(
            "The letter names the applicant: only the office's reviewers read it.",
            code="names_a_person",
        )
    letter = await session.get(ApplicationLetter, application.id)
    if letter is None:  # every application is filed with one
        raise NotFound(f"Application {application.id} has no letter.")
    session.add(_read(access, application, "read the institution's letter"))
    await session.flush()
    return letter, access.cipher.decrypt(letter.content, context=letter_context(application.id))


async def applicant_for_print(
    *, session: AsyncSession, access: ApplicantAccess, application: Application, purpose: str
) -> dict[str, str | None]:
    """The applicant in full for a document that prints their name (an acceptance
    letter, a certificate): to the office's reviewers only, the read audited."""
    if not access.in_full(application):
        raise Forbidden(
            "The document names the intern: only the office's reviewers print it.",
            code="names_a_person",
        )
    session.add(_read(access, application, purpose))
    await session.flush()
    applicant: dict[str, str | None] = json.loads(
        access.cipher.decrypt(application.applicant, context=applicant_context(application.id))
    )
    return applicant


def applicant_name(cipher: FieldCipher, application: Application) -> str:
    """The applicant's name alone, for a public check that shows it partly masked (not
    a read in full: the caller masks it before it leaves the service)."""
    applicant = json.loads(
        cipher.decrypt(application.applicant, context=applicant_context(application.id))
    )
    return str(applicant["name"])
