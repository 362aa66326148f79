"""The printed forms as PDFs. They carry the visitor's name, so only the desk reads them."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

from fastapi import APIRouter, Response

from apik_consultation import forms, service
from apik_consultation.deps import AUTH, Cipher, Config, Desk
from apik_consultation.rules import VisitStatus
from apik_consultation.visitor import unseal
from apik_shared.db import DbSession, TransactionalRoute
from apik_shared.problems import NotFound, TransitionNotAllowed, problem_responses

router = APIRouter(route_class=TransactionalRoute, tags=["forms"])
PDF: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/pdf": {}}, "description": "The form as a PDF"}
}
FINISHED = frozenset({VisitStatus.ended, VisitStatus.completed})


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
    operation_id="consultation_check_in_slip",
)
async def check_in_slip(
    visit_id: uuid.UUID, session: DbSession, actor: Desk, settings: Config, cipher: Cipher
) -> Response:
    visit = await service.get_visit(session=session, visit_id=visit_id, actor=actor)
    visitor = unseal(cipher, visit.id, visit.visitor)
    # fpdf2 is pure Python and synchronous: build off the event loop.
    content = await asyncio.to_thread(forms.slip, visit, visitor, timezone=settings.desk_timezone)
    return _pdf(content, f"tanda-terima-{visit.day}-{visit.ticket:03d}.pdf")


@router.get(
    "/visits/{visit_id}/form.pdf",
    response_class=Response,
    responses={**PDF, **problem_responses(*AUTH, NotFound, TransitionNotAllowed)},
    operation_id="consultation_final_form",
)
async def final_form(
    visit_id: uuid.UUID, session: DbSession, actor: Desk, settings: Config, cipher: Cipher
) -> Response:
    visit = await service.get_visit(session=session, visit_id=visit_id, actor=actor)
    if VisitStatus(visit.status) not in FINISHED:
        raise TransitionNotAllowed(
            "The final form exists once the service has ended.", current_status=visit.status
        )
    visitor = unseal(cipher, visit.id, visit.visitor)
    stored = await service.get_signature(session=session, visit_id=visit.id)
    drawn = forms.Signature(stored.media_type, stored.content) if stored else None
    content = await asyncio.to_thread(
        forms.final_form, visit, visitor, signature=drawn, timezone=settings.desk_timezone
    )
    return _pdf(content, f"formulir-layanan-{visit.day}-{visit.ticket:03d}.pdf")
