"""The reviewers' interview note: sealed at rest, written and read only by a reviewer
who sees the applicant in full (each read audited as a full read of the applicant)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from apik_internship.applications.schemas import InterviewNote, InterviewPublic
from apik_internship.applications.service.reading import ApplicantAccess, _read
from apik_internship.models import Application, ApplicationInterview
from apik_shared.platform.problems import Forbidden, NotFound, PreconditionFailed


def interview_context(application_id: uuid.UUID) -> str:
    return f"application:{application_id}:interview"


def _entitled(access: ApplicantAccess, application: Application) -> None:
    if not access.in_full(application):
        raise Forbidden(
            "The interview note speaks of the applicant: their reviewers only.",
            code="names_a_person",
        )


def _public(access: ApplicantAccess, row: ApplicationInterview) -> InterviewPublic:
    note = access.cipher.decrypt(row.note, context=interview_context(row.application_id))
    return InterviewPublic(
        application_id=row.application_id,
        held_on=row.held_on,
        note=note.decode(),
        written_by=row.written_by,
        written_at=row.written_at,
        version=row.version,
    )


async def write_interview(
    *,
    session: AsyncSession,
    access: ApplicantAccess,
    application: Application,
    data: InterviewNote,
    if_version: int | None,
) -> InterviewPublic:
    """Writes (or rewrites, with the version read as `if_version`) the note, sealed."""
    _entitled(access, application)
    row = await session.get(ApplicationInterview, application.id, with_for_update=True)
    if row is not None and if_version is not None and if_version != row.version:
        raise PreconditionFailed("The note was rewritten by someone else; read it again.")
    sealed = access.cipher.encrypt(data.note.encode(), context=interview_context(application.id))
    if row is None:
        row = ApplicationInterview(application_id=application.id, note=sealed, written_by="")
        session.add(row)
    else:
        row.version += 1
    row.held_on, row.note = data.held_on, sealed
    row.written_by, row.written_at = access.actor.username, datetime.now(UTC)
    session.add(_read(access, application, "write the interview note"))
    await session.flush()
    return _public(access, row)


async def read_interview(
    *, session: AsyncSession, access: ApplicantAccess, application: Application
) -> InterviewPublic:
    """The note (404 when none was written), its read audited."""
    _entitled(access, application)
    row = await session.get(ApplicationInterview, application.id)
    if row is None:
        raise NotFound("No interview note was written for this application.")
    session.add(_read(access, application, "read the interview note"))
    await session.flush()
    return _public(access, row)
