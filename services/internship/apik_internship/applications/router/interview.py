"""The reviewers' interview note on an application: written, rewritten and read by the
reviewers who see the applicant in full (sealed at rest, each read audited)."""

from __future__ import annotations

import uuid

from fastapi import Request
from fastapi.responses import JSONResponse

from apik_internship.applications import service
from apik_internship.applications.schemas import InterviewNote, InterviewPublic
from apik_internship.deps import AUTH, Applicants, CurrentApplication, Reviewer
from apik_shared.platform.db import DbSession
from apik_shared.platform.etag import etag_for
from apik_shared.platform.problems import (
    InvalidInput,
    NotFound,
    PreconditionFailed,
    problem_responses,
)
from apik_shared.platform.routing import ServiceRouter

router = ServiceRouter(tags=["applications"])


def _if_version(request: Request) -> int | None:
    header = request.headers.get("if-match", "").strip().removeprefix("W/").strip('"')
    return int(header) if header.isdigit() else None


def _answer(note: InterviewPublic) -> JSONResponse:
    return JSONResponse(note.model_dump(mode="json"), headers={"ETag": etag_for(note.version)})


@router.put(
    "/applications/{application_id}/interview",
    response_model=InterviewPublic,
    responses=problem_responses(*AUTH, NotFound, InvalidInput, PreconditionFailed),
)
async def write_interview(
    application_id: uuid.UUID,
    data: InterviewNote,
    request: Request,
    session: DbSession,
    actor: Reviewer,
    access: Applicants,
    application: CurrentApplication,
) -> JSONResponse:
    """Writes the interview note; to rewrite one, send its `ETag` as `If-Match` (412 when
    it was rewritten meanwhile)."""
    note = await service.write_interview(
        session=session,
        access=access,
        application=application,
        data=data,
        if_version=_if_version(request),
    )
    return _answer(note)


@router.get(
    "/applications/{application_id}/interview",
    response_model=InterviewPublic,
    responses=problem_responses(*AUTH, NotFound),
)
async def read_interview(
    application_id: uuid.UUID,
    session: DbSession,
    actor: Reviewer,
    access: Applicants,
    application: CurrentApplication,
) -> JSONResponse:
    note = await service.read_interview(session=session, access=access, application=application)
    return _answer(note)
