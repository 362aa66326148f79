"""The printed forms as PDFs. They carry the visitor's name, so only the desk reads them."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import Response

from apik_consultation.deps import AUTH, Cipher, CurrentVisit, Desk
from apik_consultation.forms import service
from apik_shared.platform.db import DbSession
from apik_shared.platform.problems import NotFound, TransitionNotAllowed, problem_responses
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
    responses={**PDF, **problem_responses(*AUTH, NotFound)},
)
async def check_in_slip(
    visit_id: uuid.UUID,
    session: DbSession,
    actor: Desk,
    visit: CurrentVisit,
    cipher: Cipher,
) -> Response:
    content = await service.check_in_slip(session=session, visit=visit, cipher=cipher)
    return _pdf(content, f"tanda-terima-{visit.day}-{visit.ticket:03d}.pdf")


@router.get(
    "/visits/{visit_id}/form.pdf",
    response_class=Response,
    responses={**PDF, **problem_responses(*AUTH, NotFound, TransitionNotAllowed)},
)
async def final_form(
    visit_id: uuid.UUID,
    session: DbSession,
    actor: Desk,
    visit: CurrentVisit,
    cipher: Cipher,
) -> Response:
    content = await service.final_form(session=session, visit=visit, cipher=cipher)
    return _pdf(content, f"formulir-layanan-{visit.day}-{visit.ticket:03d}.pdf")
