"""The public side: an application filed with its letter, and its status by code."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import select

from apik_internship.applications import rules
from apik_internship.applications.rules import ApplicationStatus
from apik_internship.applications.schemas import ApplicationCreate
from apik_internship.models import Application, ApplicationLetter
from apik_shared.platform.crypto import FieldCipher
from apik_shared.platform.events.payloads.internship import InternApplied
from apik_shared.platform.events.publish import publish
from apik_shared.platform.problems import InvalidInput, NotFound
from apik_shared.platform.uploads import CheckedFile


def applicant_context(application_id: uuid.UUID) -> str:
    return f"application:{application_id}:applicant"


def letter_context(application_id: uuid.UUID) -> str:
    return f"application:{application_id}:letter"


def check_request(
    data: ApplicationCreate, *, units: Sequence[str], max_period_days: int, pointer: str
) -> None:
    """What the form's schema cannot know: the office's units and its longest period."""
    for index, unit in enumerate(data.units):
        if unit not in units:
            raise InvalidInput.field(
                f"{pointer}/units/{index}",
                f"No unit {unit!r}; the units are {', '.join(units)}.",
                code="unknown_unit",
                units=", ".join(units),
            )
    if (data.period_end - data.period_start).days + 1 > max_period_days:
        raise InvalidInput.field(
            f"{pointer}/period_end",
            f"An internship lasts at most {max_period_days} days.",
            code="period_too_long",
            max_days=max_period_days,
        )


async def file_application(
    *,
    session: AsyncSession,
    cipher: FieldCipher,
    code_key: bytes,
    data: ApplicationCreate,
    letter: CheckedFile,
) -> tuple[Application, str]:
    """The application and its letter, sealed; `intern.applied` in the same transaction.
    Returns the code, which exists nowhere else once the answer is sent."""
    application_id = uuid.uuid4()
    code = rules.new_code()
    applicant = data.applicant.model_dump_json().encode()
    application = Application(
        id=application_id,
        office=data.office,
        code_hash=rules.code_hash(code_key, code),
        applicant=cipher.encrypt(applicant, context=applicant_context(application_id)),
        institution_kind=data.institution_kind.value,
        institution=data.institution,
        programme=data.programme,
        period_start=data.period_start,
        period_end=data.period_end,
        units=list(data.units),
        status=ApplicationStatus.submitted.value,
        submitted_at=datetime.now(UTC),
    )
    session.add(application)
    await session.flush()
    session.add(
        ApplicationLetter(
            application_id=application_id,
            filename=letter.name,
            media_type=letter.media_type,
            size=len(letter.data),
            sha256=letter.sha256,
            content=cipher.encrypt(letter.data, context=letter_context(application_id)),
        )
    )
    await session.flush()
    await publish(
        session,
        InternApplied(
            application_id=str(application_id),
            office=application.office,
            institution_kind=application.institution_kind,
            units=application.units,
            period_start=application.period_start,
            period_end=application.period_end,
            submitted_at=application.submitted_at,
        ),
        subject=str(application_id),
    )
    return application, code


async def by_code(*, session: AsyncSession, code_key: bytes, code: str) -> Application:
    """The application a code opens; the same 404 for a malformed and an unknown code."""
    normalised = rules.normalised_code(code)
    if normalised is not None:
        found = await session.execute(
            select(Application).where(
                Application.code_hash == rules.code_hash(code_key, normalised)
            )
        )
        if (application := found.scalar_one_or_none()) is not None:
            return application
    raise NotFound("No application has this code.")
