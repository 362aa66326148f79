"""The printed forms as PDFs. They carry the visitor's name, so only the desk staff who
serve the visitor print them (refused to everyone else, audited for them)."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import Depends, Response

from apik_consultation.deps import AUTH, CurrentVisit, Desk, Visitors, read_purpose
from apik_consultation.forms import service
from apik_shared.platform.db import DbSession
from apik_shared.platform.problems import (
    InvalidInput,
    NotFound,
    TransitionNotAllowed,
    problem_responses,
)
from apik_shared.platform.routing import ServiceRouter

router = ServiceRouter(tags=["forms"])
PDF: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/pdf": {}}, "description": "The form as a PDF"}
}


def _pdf(content: bytes, filename: str) -> Response:
    return Response(
        content,
        media_type="application/pdf",
        headers={
            "Content-Disposition": f'inline; filename="{filename}"',
            "Cache-Control": "private, no-store",  # personal data: no shared caches
        },
    )


@router.get(
    "/visits/{visit_id}/slip.pdf",
    response_class=Response,
    responses={**PDF, **problem_responses(*AUTH, NotFound, InvalidInput)},
)
async def check_in_slip(
    visit_id: uuid.UUID,
    session: DbSession,
    actor: Desk,
    visit: CurrentVisit,
    visitors: Visitors,
    purpose: Annotated[str, Depends(read_purpose("check-in slip"))],
) -> Response:
    content = await service.check_in_slip(
        session=session, visit=visit, access=visitors, purpose=purpose
    )
    return _pdf(content, f"tanda-terima-{visit.day}-{visit.ticket:03d}.pdf")


@router.get(
    "/visits/{visit_id}/form.pdf",
    response_class=Response,
    responses={**PDF, **problem_responses(*AUTH, NotFound, TransitionNotAllowed, InvalidInput)},
)
async def final_form(
    visit_id: uuid.UUID,
    session: DbSession,
    actor: Desk,
    visit: CurrentVisit,
    visitors: Visitors,
    purpose: Annotated[str, Depends(read_purpose("final form"))],
) -> Response:
    content = await service.final_form(
        session=session, visit=visit, access=visitors, purpose=purpose
    )
    return _pdf(content, f"formulir-layanan-{visit.day}-{visit.ticket:03d}.pdf")
