"""Field work in a spreadsheet: the entry template of a scheme version, and a filled one
imported as entries for the reviewer."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import Request, Response

from apik_prevention.assessments import views as assessment_views
from apik_prevention.assessments.schemas import EntryPublic
from apik_prevention.deps import AUTH, CurrentScheme, EntriesOf, Officer, Reader
from apik_prevention.fieldwork import service
from apik_shared.documents.spreadsheet import MEDIA_TYPE
from apik_shared.platform.db import DbSession
from apik_shared.platform.problems import (
    InvalidInput,
    NotFound,
    PayloadTooLarge,
    TransitionNotAllowed,
    problem_responses,
)
from apik_shared.platform.routing import ServiceRouter
from apik_shared.vocabulary.files import content_disposition

router = ServiceRouter(tags=["fieldwork"])
MAX_BYTES = 5 * 1024 * 1024
XLSX: dict[int | str, dict[str, Any]] = {
    200: {"content": {MEDIA_TYPE: {"schema": {"type": "string", "format": "binary"}}}}
}


@router.get(
    "/schemes/{scheme_id}/template.xlsx",
    response_class=Response,
    responses={**XLSX, **problem_responses(*AUTH, NotFound)},
)
async def get_template(scheme_id: uuid.UUID, actor: Reader, scheme: CurrentScheme) -> Response:
    """One row per indicator and respondent type: the enumerator fills Kode responden,
    Waktu, Tempat, Nilai (and Catatan, Foto), copying rows for more respondents."""
    return Response(
        service.template(scheme),
        media_type=MEDIA_TYPE,
        headers={
            "Content-Disposition": content_disposition(
                f"templat-{scheme.code}-v{scheme.version}.xlsx"
            )
        },
    )


@router.post(
    "/assessments/{assessment_id}/entries/import",
    response_model=list[EntryPublic],
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {MEDIA_TYPE: {"schema": {"type": "string", "format": "binary"}}},
        }
    },
    responses=problem_responses(
        *AUTH, NotFound, InvalidInput, PayloadTooLarge, TransitionNotAllowed
    ),
)
async def import_entries(
    assessment_id: uuid.UUID,
    request: Request,
    session: DbSession,
    actor: Officer,
    assessment: EntriesOf,
) -> list[EntryPublic]:
    """A filled template as entries (one per respondent and moment), all or none: a
    wrong cell is named by its row (`#/body/rows/<row>/<column>`)."""
    content = b""
    async for chunk in request.stream():
        content += chunk
        if len(content) > MAX_BYTES:
            raise PayloadTooLarge(f"At most {MAX_BYTES // (1024 * 1024)} MB.")
    made = await service.import_entries(
        session=session, assessment=assessment, content=content, actor=actor
    )
    return [assessment_views.entry(entry, assessment, actor) for entry in made]
