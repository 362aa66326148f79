"""Works: the intern records what they made and uploads its files; the supervisor reads
them and shares masked material from a real report or case."""

from __future__ import annotations

import uuid

from fastapi import Request, Response
from fastapi.responses import JSONResponse

from apik_internship.deps import (
    AUTH,
    Cipher,
    CurrentIntern,
    CurrentSettings,
    LockedWork,
    OfficeWork,
    OwnWork,
    Reader,
    Reviewer,
)
from apik_internship.works import service, views
from apik_internship.works.schemas import CaseMaterial, WorkCreate, WorkFilePublic, WorkPublic
from apik_shared.platform.db import DbSession
from apik_shared.platform.etag import etag_for
from apik_shared.platform.idempotency import Idempotency
from apik_shared.platform.problems import (
    InvalidInput,
    NotFound,
    PayloadTooLarge,
    PreconditionFailed,
    problem_responses,
)
from apik_shared.platform.routing import ServiceRouter, created
from apik_shared.platform.uploads import FILE_BODY, Filename, UnsupportedAttachment

router = ServiceRouter(tags=["works"])


@router.post(
    "/intern/works",
    response_model=WorkPublic,
    status_code=201,
    responses=problem_responses(*AUTH, InvalidInput),
)
async def create_work(
    data: WorkCreate, request: Request, session: DbSession, intern: CurrentIntern
) -> Response:
    """A work the intern made (files follow, one upload each)."""
    idempotency = Idempotency(session, request, caller=f"intern:{intern.id}")
    if (replay := await idempotency.begin()) is not None:
        return replay
    work = await service.create_work(
        session=session,
        application=intern,
        kind=data.kind,
        title=data.title,
        description=data.description,
    )
    return await created(
        idempotency,
        views.work_view(work, []),
        location=f"{request.url.path}/{work.id}",
        version=work.version,
    )


@router.post(
    "/intern/works/{work_id}/files",
    response_model=WorkFilePublic,
    status_code=201,
    responses=problem_responses(
        *AUTH, NotFound, InvalidInput, PayloadTooLarge, UnsupportedAttachment
    ),
    openapi_extra=FILE_BODY,
)
async def upload_work_file(
    work_id: uuid.UUID,
    filename: Filename,
    request: Request,
    session: DbSession,
    intern: CurrentIntern,
    work: OwnWork,
    cipher: Cipher,
    settings: CurrentSettings,
) -> Response:
    """The file as the body (`?filename=`): judged by its content
    (`APIK_WORK_TYPES`), sealed at rest."""
    idempotency = Idempotency(session, request, caller=f"intern:{intern.id}")
    if (replay := await idempotency.begin()) is not None:
        return replay
    data = await service.read_limited(request.stream(), settings.work_max_bytes)
    row = await service.add_file(
        session=session,
        cipher=cipher,
        work=work,
        filename=filename,
        data=data,
        allowed=settings.work_types,
        max_bytes=settings.work_max_bytes,
    )
    return await created(
        idempotency,
        WorkFilePublic.model_validate(row, from_attributes=True),
        location=f"{request.url.path}/{row.id}",
    )


@router.get("/intern/works", response_model=list[WorkPublic], responses=problem_responses(*AUTH))
async def my_works(session: DbSession, intern: CurrentIntern) -> list[WorkPublic]:
    """The intern's own works, with what the supervisor shared (masked)."""
    rows = await service.list_works(session=session, office=None, application_id=intern.id)
    return [views.work_view(w, files) for w, files in rows]


@router.get(
    "/intern/works/{work_id}/files/{file_id}",
    responses=problem_responses(*AUTH, NotFound),
    response_class=Response,
)
async def download_my_work_file(
    work_id: uuid.UUID,
    file_id: uuid.UUID,
    session: DbSession,
    intern: CurrentIntern,
    work: OwnWork,
    cipher: Cipher,
) -> Response:
    row, data = await service.read_file(session=session, cipher=cipher, work=work, file_id=file_id)
    return views.download(row, data)


@router.get("/works", response_model=list[WorkPublic], responses=problem_responses(*AUTH))
async def list_works(
    session: DbSession, actor: Reader, application_id: uuid.UUID | None = None
) -> list[WorkPublic]:
    """The office's works, newest first (`application_id` for one intern's)."""
    rows = await service.list_works(
        session=session, office=actor.office_scope(), application_id=application_id
    )
    return [views.work_view(w, files) for w, files in rows]


@router.get(
    "/works/{work_id}/files/{file_id}",
    responses=problem_responses(*AUTH, NotFound),
    response_class=Response,
)
async def download_work_file(
    work_id: uuid.UUID,
    file_id: uuid.UUID,
    session: DbSession,
    actor: Reviewer,
    work: OfficeWork,
    cipher: Cipher,
) -> Response:
    row, data = await service.read_file(session=session, cipher=cipher, work=work, file_id=file_id)
    return views.download(row, data)


@router.put(
    "/works/{work_id}/case-material",
    response_model=WorkPublic,
    responses=problem_responses(*AUTH, NotFound, InvalidInput, PreconditionFailed),
)
async def share_case_material(
    work_id: uuid.UUID, data: CaseMaterial, session: DbSession, actor: Reviewer, work: LockedWork
) -> JSONResponse:
    """Shares material of a real report or case with the intern, masked before it is
    stored: the names listed, emails, phone numbers and long numbers. A name not listed
    cannot be found by a rule: read the answer, it is what the intern sees."""
    work = await service.share_material(
        session=session,
        work=work,
        case_reference=data.case_reference,
        material=data.material,
        names=data.names,
        actor=actor,
    )
    files = await service.files_of(session=session, work=work)
    body = views.work_view(work, files)
    return JSONResponse(body.model_dump(mode="json"), headers={"ETag": etag_for(work.version)})
