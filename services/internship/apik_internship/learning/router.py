"""The learning library: materials and their versions (supervisors publish, interns and
staff read), interns' acknowledgements of each version, and modules' test results with
their N-gain."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import Query, Request, Response
from fastapi.responses import JSONResponse

from apik_internship.deps import (
    AUTH,
    CurrentIntern,
    CurrentMaterial,
    CurrentSettings,
    InternRole,
    LibraryReader,
    LockedMaterial,
    Reader,
    Reviewer,
)
from apik_internship.learning import service, views
from apik_internship.learning.schemas import (
    AcknowledgementPublic,
    MaterialCreate,
    MaterialOfIntern,
    MaterialPublic,
    ModuleResults,
    ResultPublic,
    ResultWrite,
    VersionPublic,
)
from apik_shared.platform.db import DbSession
from apik_shared.platform.etag import check_if_match, etag_for
from apik_shared.platform.idempotency import Idempotency
from apik_shared.platform.problems import (
    InvalidInput,
    NotFound,
    PayloadTooLarge,
    PreconditionFailed,
    TransitionNotAllowed,
    problem_responses,
)
from apik_shared.platform.routing import ServiceRouter, created
from apik_shared.platform.uploads import FILE_BODY, Filename, UnsupportedAttachment
from apik_shared.vocabulary.files import content_disposition

router = ServiceRouter(tags=["learning"])
LEARNING = "/api/v1/internship/learning"


def _material(material: Any) -> MaterialPublic:
    return MaterialPublic.model_validate(material, from_attributes=True)


@router.post(
    "/learning/materials",
    status_code=201,
    response_model=MaterialPublic,
    responses=problem_responses(*AUTH, InvalidInput),
)
async def create_material(
    data: MaterialCreate, request: Request, session: DbSession, actor: Reviewer
) -> Response:
    """A guidebook, module or SOP of the caller's office; its file comes as versions."""
    idempotency = Idempotency(session, request, caller=actor.subject)
    if (replay := await idempotency.begin()) is not None:
        return replay
    material = await service.create_material(session=session, data=data, actor=actor)
    return await created(
        idempotency, _material(material), location=f"{LEARNING}/materials/{material.id}"
    )


@router.get(
    "/learning/materials",
    response_model=list[MaterialPublic],
    responses=problem_responses(*AUTH),
)
async def list_materials(session: DbSession, actor: LibraryReader) -> list[MaterialPublic]:
    """The caller's office's library, by kind and title."""
    rows = await service.list_materials(session=session, office=actor.office)
    return [_material(m) for m in rows]


@router.post(
    "/learning/materials/{material_id}/versions",
    status_code=201,
    response_model=VersionPublic,
    responses=problem_responses(
        *AUTH, NotFound, InvalidInput, PayloadTooLarge, UnsupportedAttachment
    ),
    openapi_extra=FILE_BODY,
)
async def publish_version(
    material_id: uuid.UUID,
    filename: Filename,
    request: Request,
    session: DbSession,
    actor: Reviewer,
    material: LockedMaterial,
    settings: CurrentSettings,
    note: Annotated[str | None, Query(max_length=500)] = None,
) -> Response:
    """Publishes the next version of a material: the file as the body (PDF, DOCX or ODT,
    `APIK_LEARNING_TYPES`), judged by its content. Interns acknowledge each version."""
    idempotency = Idempotency(session, request, caller=actor.subject)
    if (replay := await idempotency.begin()) is not None:
        return replay
    data = await service.read_limited(request.stream(), settings.learning_max_bytes)
    version = await service.publish_version(
        session=session,
        material=material,
        filename=filename,
        note=note,
        data=data,
        allowed=settings.learning_types,
        max_bytes=settings.learning_max_bytes,
        actor=actor,
    )
    body = VersionPublic.model_validate(version, from_attributes=True)
    return await created(idempotency, body, location=f"{LEARNING}/versions/{version.id}")


@router.get(
    "/learning/materials/{material_id}/versions",
    response_model=list[VersionPublic],
    responses=problem_responses(*AUTH, NotFound),
)
async def list_versions(
    material_id: uuid.UUID, session: DbSession, actor: LibraryReader, material: CurrentMaterial
) -> list[VersionPublic]:
    """Every version of a material, newest first."""
    rows = await service.list_versions(session=session, material=material)
    return [VersionPublic.model_validate(v, from_attributes=True) for v in rows]


@router.get(
    "/learning/versions/{version_id}/file",
    response_class=Response,
    responses=problem_responses(*AUTH, NotFound),
)
async def download_version(
    version_id: uuid.UUID, session: DbSession, actor: LibraryReader
) -> Response:
    """A version's file as it was published."""
    version, _ = await service.get_version(session=session, version_id=version_id, actor=actor)
    return Response(
        version.content,
        media_type=version.media_type,
        headers={
            "Content-Disposition": content_disposition(version.filename),
            "X-Content-Type-Options": "nosniff",
        },
    )


@router.post(
    "/learning/versions/{version_id}/acknowledgement",
    status_code=201,
    response_model=AcknowledgementPublic,
    responses=problem_responses(*AUTH, NotFound),
)
async def acknowledge_version(
    version_id: uuid.UUID, session: DbSession, actor: InternRole, intern: CurrentIntern
) -> Response:
    """The intern states they read this version: 201 the first time, 200 with the same
    acknowledgement afterwards (the first time is when they read it)."""
    version, _ = await service.get_version(session=session, version_id=version_id, actor=actor)
    row, new = await service.acknowledge(session=session, version=version, intern=intern)
    body = AcknowledgementPublic.model_validate(row, from_attributes=True)
    return JSONResponse(
        body.model_dump(mode="json"),
        status_code=201 if new else 200,
        headers={"Location": f"{LEARNING}/versions/{version.id}/acknowledgements"},
    )


@router.get(
    "/learning/versions/{version_id}/acknowledgements",
    response_model=list[AcknowledgementPublic],
    responses=problem_responses(*AUTH, NotFound),
)
async def list_acknowledgements(
    version_id: uuid.UUID, session: DbSession, actor: Reader
) -> list[AcknowledgementPublic]:
    """Which interns acknowledged this version, and when (their applications' ids)."""
    version, _ = await service.get_version(session=session, version_id=version_id, actor=actor)
    rows = await service.acknowledgements(session=session, version=version)
    return [AcknowledgementPublic.model_validate(a, from_attributes=True) for a in rows]


@router.get(
    "/learning/mine",
    response_model=list[MaterialOfIntern],
    responses=problem_responses(*AUTH),
)
async def my_learning(
    session: DbSession, actor: InternRole, intern: CurrentIntern
) -> list[MaterialOfIntern]:
    """The intern's library: each material, whether they acknowledged its latest version,
    and their own test results on it with the gain."""
    materials = await service.list_materials(session=session, office=intern.office)
    latest = await service.latest_versions(session=session, materials=materials, intern=intern)
    own = await service.results_of_intern(session=session, intern=intern)
    out = []
    for material in materials:
        version_id, acknowledged = latest.get(material.id, (None, False))
        result = own.get(material.id)
        out.append(
            MaterialOfIntern(
                material=_material(material),
                latest_version_id=version_id,
                acknowledged_latest=acknowledged,
                result=views.result(result) if result is not None else None,
            )
        )
    return out


@router.put(
    "/learning/materials/{material_id}/results/{application_id}",
    response_model=ResultPublic,
    responses=problem_responses(
        *AUTH, NotFound, InvalidInput, PreconditionFailed, TransitionNotAllowed
    ),
)
async def record_result(
    material_id: uuid.UUID,
    application_id: uuid.UUID,
    data: ResultWrite,
    request: Request,
    session: DbSession,
    actor: Reviewer,
    material: CurrentMaterial,
) -> Response:
    """An intern's pre- and post-test scores on a module (either may come later); a
    correction with `If-Match` (optional) is refused when someone changed it since."""
    row = await service.record_result(
        session=session,
        material=material,
        application_id=application_id,
        data=data,
        check_version=lambda version: check_if_match(request, version),
        actor=actor,
    )
    body = views.result(row)
    return JSONResponse(body.model_dump(mode="json"), headers={"ETag": etag_for(row.version)})


@router.get(
    "/learning/materials/{material_id}/results",
    response_model=ModuleResults,
    responses=problem_responses(*AUTH, NotFound),
)
async def module_results(
    material_id: uuid.UUID, session: DbSession, actor: Reader, material: CurrentMaterial
) -> ModuleResults:
    """A module's results, each with its N-gain and category, and the module's summary:
    the mean of individual gains and Hake's class gain, named apart."""
    rows = await service.results(session=session, material=material)
    return views.module_results(rows)
