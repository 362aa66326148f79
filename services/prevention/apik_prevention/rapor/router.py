"""The rapor of an assessed unit (PDF)."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import Response

from apik_prevention.deps import AUTH, CurrentAssessment, CurrentSettings, Reader
from apik_prevention.rapor import service, views
from apik_shared.platform.db import DbSession
from apik_shared.platform.problems import NotFound, problem_responses
from apik_shared.platform.routing import ServiceRouter
from apik_shared.vocabulary.files import content_disposition

router = ServiceRouter(tags=["rapor"])
PDF: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}}
}


@router.get(
    "/assessments/{assessment_id}/rapor.pdf",
    response_class=Response,
    responses={**PDF, **problem_responses(*AUTH, NotFound)},
)
async def get_rapor(
    assessment_id: uuid.UUID,
    session: DbSession,
    actor: Reader,
    assessment: CurrentAssessment,
    settings: CurrentSettings,
) -> Response:
    """Score, result, the weakest indicators, the change from last year and what to fix;
    the published score once published, the live one (marked provisional) before."""
    data = await service.rapor_data(session, assessment)
    content = views.render(data, weakest_count=settings.rapor_weakest)
    filename = f"rapor-{assessment.year}-{assessment.id}.pdf"
    return Response(
        content,
        media_type="application/pdf",
        headers={"Content-Disposition": content_disposition(filename)},
    )
