"""What the internship routes share: who may call, the settings, the cipher and the code
key, and the rows a route works on (loaded, office-checked and, for writes, locked and
checked against `If-Match` in one place)."""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, datetime, timedelta
from typing import Annotated

from fastapi import Depends, Request

from apik_internship.alumni import service as alumni
from apik_internship.alumni.service import AlumniAccess
from apik_internship.applications import service as applications
from apik_internship.applications.service import ApplicantAccess
from apik_internship.certificates import service as certificates
from apik_internship.certificates.rules import Thresholds
from apik_internship.cohorts import service as cohorts
from apik_internship.evaluations import service as evaluations
from apik_internship.learning import service as learning
from apik_internship.models import (
    Alumnus,
    Application,
    Certificate,
    Cohort,
    LearningMaterial,
    RedButtonCase,
    Work,
)
from apik_internship.red_button import service as red_button
from apik_internship.refusals import InternshipForbidden
from apik_internship.settings import Settings
from apik_internship.works import service as works
from apik_shared.platform.app import app_settings
from apik_shared.platform.auth import CurrentPrincipal, Principal, Role, require_roles
from apik_shared.platform.capabilities import Capability, require_capability
from apik_shared.platform.crypto import FieldCipher
from apik_shared.platform.db import DbSession
from apik_shared.platform.etag import check_if_match
from apik_shared.platform.problems import Forbidden, Unauthorized

AUTH = (Unauthorized, Forbidden)
CurrentSettings = Annotated[Settings, Depends(app_settings)]
# Who reviews applications and sets quotas: the office's intern supervisors; the head
# decides too. Heads and analysts read applicants masked (`APIK_APPLICANT_ROLES`).
Reviewer = Annotated[Principal, Depends(require_capability(Capability.internship_review))]
# Who links an accepted intern's account: the office's intern supervisors only.
Supervisor = Annotated[Principal, Depends(require_roles(Role.intern_supervisor))]
Reader = Annotated[Principal, Depends(require_capability(Capability.internship_read))]


# Not an admin, who is no protection officer; nor the intern's supervisor, who may be
# the one the case is about.
ProtectionOfficer = Annotated[
    Principal,
    Depends(
        require_capability(
            Capability.redbutton_cases,
            "Red Button cases are for the office's protection officers.",
        )
    ),
]


# The head names the office's protection officers, so the head keeps their register;
# not an admin, who could otherwise unregister an officer a case names.
Head = Annotated[
    Principal,
    Depends(
        require_capability(
            Capability.redbutton_contacts, "The register of protection officers is the head's."
        )
    ),
]
# Counts and times, no case: the head answers for the response times too.
OfficerOrHead = Annotated[
    Principal,
    Depends(
        require_capability(
            Capability.redbutton_read,
            "The Red Button's statistics are for protection officers and the head.",
        )
    ),
]


async def _intern(principal: CurrentPrincipal, session: DbSession) -> Application:
    # Not `require_roles`: an admin is no intern. The caller's own accepted application,
    # by the account a supervisor linked to it, at the token's office; 403 otherwise.
    if Role.intern not in principal.roles:
        raise InternshipForbidden("These are an intern's own records.", code="own_records")
    return await applications.intern_application(session=session, intern=principal)


CurrentIntern = Annotated[Application, Depends(_intern)]


def code_key(secret_key: str) -> bytes:
    """The key of the codes' hashes (application codes, Red Button receipts)."""
    return hashlib.sha256(b"apik-internship-codes:" + secret_key.encode()).digest()


# Dependencies are `async def`: a plain `def` one costs a thread-pool hop per request.
async def _cipher(request: Request) -> FieldCipher:
    cipher: FieldCipher = request.app.state.cipher
    return cipher


async def _code_key(request: Request) -> bytes:
    key: bytes = request.app.state.code_key
    return key


Cipher = Annotated[FieldCipher, Depends(_cipher)]


async def _now(settings: CurrentSettings) -> datetime:
    # A dependency, so that a test can stand on a working day of an intern's period (in
    # process, by overriding it; a running process, by `APIK_CLOCK_OFFSET_SECONDS`).
    return datetime.now(UTC) + timedelta(seconds=settings.clock_offset_seconds)


Now = Annotated[datetime, Depends(_now)]
CodeKey = Annotated[bytes, Depends(_code_key)]


async def _applicant_access(
    actor: CurrentPrincipal, cipher: Cipher, settings: CurrentSettings
) -> ApplicantAccess:
    return ApplicantAccess(actor=actor, cipher=cipher, roles=frozenset(settings.applicant_roles))


Applicants = Annotated[ApplicantAccess, Depends(_applicant_access)]


# The route declares its role type before these, so that a caller without the role gets
# 403 before learning whether the row exists.
async def _application(
    application_id: uuid.UUID, session: DbSession, actor: CurrentPrincipal
) -> Application:
    return await applications.get_application(
        session=session, application_id=application_id, actor=actor
    )


async def _locked_application(
    application_id: uuid.UUID, request: Request, session: DbSession, actor: CurrentPrincipal
) -> Application:
    application = await applications.get_application(
        session=session, application_id=application_id, actor=actor, for_update=True
    )
    check_if_match(request, application.version)
    return application


async def _locked_case(
    case_id: uuid.UUID, request: Request, session: DbSession, actor: CurrentPrincipal
) -> RedButtonCase:
    case = await red_button.get_case(session=session, case_id=case_id, actor=actor, for_update=True)
    check_if_match(request, case.version)
    return case


async def _case(case_id: uuid.UUID, session: DbSession, actor: CurrentPrincipal) -> RedButtonCase:
    return await red_button.get_case(session=session, case_id=case_id, actor=actor)


CurrentApplication = Annotated[Application, Depends(_application)]
CurrentCase = Annotated[RedButtonCase, Depends(_case)]
LockedApplication = Annotated[Application, Depends(_locked_application)]
LockedCase = Annotated[RedButtonCase, Depends(_locked_case)]


async def _cohort(cohort_id: uuid.UUID, session: DbSession, actor: CurrentPrincipal) -> Cohort:
    return await cohorts.get_cohort(session=session, cohort_id=cohort_id, actor=actor)


async def _locked_cohort(
    cohort_id: uuid.UUID, request: Request, session: DbSession, actor: CurrentPrincipal
) -> Cohort:
    cohort = await cohorts.get_cohort(
        session=session, cohort_id=cohort_id, actor=actor, for_update=True
    )
    check_if_match(request, cohort.version)
    return cohort


CurrentCohort = Annotated[Cohort, Depends(_cohort)]
LockedCohort = Annotated[Cohort, Depends(_locked_cohort)]


async def _locked_work(
    work_id: uuid.UUID, request: Request, session: DbSession, actor: CurrentPrincipal
) -> Work:
    work = await works.office_work(session=session, work_id=work_id, actor=actor, for_update=True)
    check_if_match(request, work.version)
    return work


async def _office_work(work_id: uuid.UUID, session: DbSession, actor: CurrentPrincipal) -> Work:
    return await works.office_work(session=session, work_id=work_id, actor=actor)


async def _own_work(work_id: uuid.UUID, session: DbSession, intern: CurrentIntern) -> Work:
    return await works.own_work(session=session, application=intern, work_id=work_id)


LockedWork = Annotated[Work, Depends(_locked_work)]
OfficeWork = Annotated[Work, Depends(_office_work)]
OwnWork = Annotated[Work, Depends(_own_work)]


# --- Certificates, learning, evaluations and alumni (issue 18, s25-mori-learning) ---


async def _certificate(
    certificate_id: uuid.UUID, session: DbSession, actor: CurrentPrincipal
) -> Certificate:
    return await certificates.get_certificate(
        session=session, certificate_id=certificate_id, actor=actor
    )


async def _thresholds(settings: CurrentSettings) -> Thresholds:
    return Thresholds(
        attendance_percent=settings.completion_attendance_percent,
        logbook_percent=settings.completion_logbook_percent,
        min_score=settings.completion_min_score,
    )


CurrentCertificate = Annotated[Certificate, Depends(_certificate)]
CompletionThresholds = Annotated[Thresholds, Depends(_thresholds)]


async def _library_reader(principal: CurrentPrincipal) -> Principal:
    # The office's staff who read applications, and its interns: the library is theirs.
    if principal.roles & {Role.intern_supervisor, Role.head, Role.analyst, Role.intern}:
        return principal
    raise InternshipForbidden(
        "The learning library is for the office's interns and their supervisors.",
        code="interns_only",
    )


async def _material(
    material_id: uuid.UUID, session: DbSession, actor: CurrentPrincipal
) -> LearningMaterial:
    return await learning.get_material(session=session, material_id=material_id, actor=actor)


async def _locked_material(
    material_id: uuid.UUID, session: DbSession, actor: CurrentPrincipal
) -> LearningMaterial:
    return await learning.get_material(
        session=session, material_id=material_id, actor=actor, for_update=True
    )


LibraryReader = Annotated[Principal, Depends(_library_reader)]
InternRole = Annotated[
    Principal,
    Depends(require_capability(Capability.internship_intern, "These are an intern's own records.")),
]
CurrentMaterial = Annotated[LearningMaterial, Depends(_material)]
LockedMaterial = Annotated[LearningMaterial, Depends(_locked_material)]


async def _alumni_access(
    actor: CurrentPrincipal, cipher: Cipher, settings: CurrentSettings
) -> AlumniAccess:
    return AlumniAccess(actor=actor, cipher=cipher, keepers=frozenset(settings.applicant_roles))


async def _locked_alumnus(
    alumnus_id: uuid.UUID, request: Request, session: DbSession, actor: CurrentPrincipal
) -> Alumnus:
    alumnus = await alumni.get(session=session, alumnus_id=alumnus_id, actor=actor, for_update=True)
    check_if_match(request, alumnus.version)
    return alumnus


async def _alumnus(alumnus_id: uuid.UUID, session: DbSession, actor: CurrentPrincipal) -> Alumnus:
    return await alumni.get(session=session, alumnus_id=alumnus_id, actor=actor)


Alumni = Annotated[AlumniAccess, Depends(_alumni_access)]
CurrentAlumnus = Annotated[Alumnus, Depends(_alumnus)]
LockedAlumnus = Annotated[Alumnus, Depends(_locked_alumnus)]


async def _accepted_intern(
    application_id: uuid.UUID, session: DbSession, actor: CurrentPrincipal
) -> Application:
    # A dependency, not a call in the route: another office's id answers 404 before the
    # body is judged, so a caller learns nothing from a 422 about another office's intern.
    return await evaluations.accepted_intern(
        session=session, application_id=application_id, actor=actor
    )


AcceptedIntern = Annotated[Application, Depends(_accepted_intern)]
