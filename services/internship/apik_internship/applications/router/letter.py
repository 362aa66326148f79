"""The acceptance letter: printed by the office's reviewers, checked by anyone holding
its code (the QR on it leads to the check, under `/public/`, no login)."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import Path, Response
from fastapi.responses import JSONResponse

from apik_internship.applications import service, views
from apik_internship.applications.schemas import DocumentCheck
from apik_internship.applications.service import ApplicantAccess, LetterContent
from apik_internship.deps import (
    AUTH,
    Applicants,
    Cipher,
    CodeKey,
    CurrentApplication,
    CurrentIntern,
    CurrentSettings,
    InternRole,
    Reviewer,
)
from apik_shared.platform.auth import Role
from apik_shared.platform.db import DbSession
from apik_shared.platform.problems import NotFound, TransitionNotAllowed, problem_responses
from apik_shared.platform.routing import ServiceRouter

router = ServiceRouter(tags=["applications"])
PDF: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
        "description": "the letter as a PDF",
    }
}


@router.get(
    "/applications/{application_id}/acceptance-letter.pdf",
    response_class=Response,
    responses={**PDF, **problem_responses(*AUTH, NotFound, TransitionNotAllowed)},
)
async def print_acceptance_letter(
    application_id: uuid.UUID,
    session: DbSession,
    actor: Reviewer,
    access: Applicants,
    application: CurrentApplication,
    code_key: CodeKey,
    settings: CurrentSettings,
) -> Response:
    """The acceptance letter of an accepted application (409 otherwise), to the office's
    reviewers (it names the intern: the head gets 403; audited as a full read)."""
    letter = await service.acceptance_letter(
        session=session,
        access=access,
        application=application,
        code_key=code_key,
        public_url=settings.public_url,
        actor=actor.username,
    )
    return _pdf(letter)


def _pdf(letter: LetterContent) -> Response:
    return Response(
        views.acceptance_letter_pdf(letter),
        media_type="application/pdf",
        headers={
            "Content-Disposition": f'inline; filename="surat-penerimaan-{letter.code}.pdf"',
            "Cache-Control": "private, no-store",
        },
    )


@router.get(
    "/interns/me/acceptance-letter.pdf",
    response_class=Response,
    responses={**PDF, **problem_responses(*AUTH)},
)
async def print_my_acceptance_letter(
    session: DbSession,
    actor: InternRole,
    intern: CurrentIntern,
    cipher: Cipher,
    code_key: CodeKey,
    settings: CurrentSettings,
) -> Response:
    """The intern's own acceptance letter (their linked, accepted application); the
    print is audited as theirs."""
    access = ApplicantAccess(actor=actor, cipher=cipher, roles=frozenset({Role.intern}))
    letter = await service.acceptance_letter(
        session=session,
        access=access,
        application=intern,
        code_key=code_key,
        public_url=settings.public_url,
        actor=actor.username,
    )
    return _pdf(letter)


@router.get(
    "/public/acceptance-letters/{code}",
    response_model=DocumentCheck,
    responses=problem_responses(NotFound),
)
async def check_acceptance_letter(
    code: Annotated[str, Path(min_length=1, max_length=64)],
    session: DbSession,
    cipher: Cipher,
    code_key: CodeKey,
) -> JSONResponse:
    """Whether a letter with this code was issued, and what it says (the name partly
    masked): what the letter's QR code leads to. No login."""
    check = await service.check_letter(session=session, cipher=cipher, code_key=code_key, code=code)
    return JSONResponse(check.model_dump(mode="json"), headers={"Cache-Control": "no-store"})
