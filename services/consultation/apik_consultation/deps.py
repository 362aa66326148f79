"""What the desk's routes share: who may call, settings, the cipher, and a visit's view."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import Depends, Request
from fastapi.responses import JSONResponse
from sqlalchemy.ext.asyncio import AsyncSession

from apik_consultation import rules, service
from apik_consultation.models import Visit
from apik_consultation.rules import ObjectionTerms, Step, VisitStatus
from apik_consultation.schemas import VisitorPublic, VisitPublic
from apik_consultation.settings import Settings
from apik_consultation.visitor import unseal
from apik_shared.auth import Principal, Role, require_roles
from apik_shared.crypto import FieldCipher
from apik_shared.etag import set_etag
from apik_shared.problems import Forbidden, Unauthorized

DESK = (Role.desk_officer, Role.desk_supervisor)
Desk = Annotated[Principal, Depends(require_roles(*DESK))]
Supervisor = Annotated[Principal, Depends(require_roles(Role.desk_supervisor))]
Officer = Annotated[Principal, Depends(require_roles(Role.desk_officer))]
Reader = Annotated[Principal, Depends(require_roles(*DESK, Role.head, Role.analyst))]
AUTH = (Unauthorized, Forbidden)


# Dependencies are `async def`: a plain `def` one costs a thread-pool hop per request.
async def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def _cipher(request: Request) -> FieldCipher:
    cipher: FieldCipher = request.app.state.cipher
    return cipher


Config = Annotated[Settings, Depends(_settings)]
Cipher = Annotated[FieldCipher, Depends(_cipher)]


def terms_of(settings: Settings) -> ObjectionTerms:
    return ObjectionTerms(
        filing_days=settings.objection_filing_days,
        answer_days=settings.objection_answer_days,
        appeal_filing_days=settings.appeal_filing_days,
        appeal_answer_days=settings.appeal_answer_days,
        appeal_guarantee_percent=settings.appeal_guarantee_percent,
    )


def reads_visitor(actor: Principal) -> bool:
    """The visitor's name and phone are for the staff who serve them, not for analysis."""
    return actor.has_any(*DESK)


def clock(visit: Visit, marks: list[tuple[Step, datetime]], now: datetime) -> tuple[int, bool]:
    """(seconds of service so far, whether the clock runs)."""
    if visit.duration_seconds is not None:
        return visit.duration_seconds, False
    running = visit.status == VisitStatus.in_service
    return rules.service_seconds(marks, now), running


def public(
    visit: Visit,
    marks: list[tuple[Step, datetime]],
    *,
    settings: Settings,
    visitor: VisitorPublic | None = None,
    signed: bool = False,
) -> VisitPublic:
    now = datetime.now(UTC)
    seconds, running = clock(visit, marks, now)
    status = VisitStatus(visit.status)
    today = service.desk_day(now, settings.desk_timezone)
    state = appeal_state = None
    if visit.answer_due is not None:
        state = rules.answer_state(
            due_on=visit.answer_due, today=today, answered=visit.answered_at is not None
        )
    if visit.appeal_answer_due is not None:
        appeal_state = rules.answer_state(
            due_on=visit.appeal_answer_due,
            today=today,
            answered=visit.appeal_answered_at is not None,
        )
    return VisitPublic(
        **visit.model_dump(exclude={"visitor", "status", "duration_seconds"}),
        visitor=visitor,
        answer_state=state,
        appeal_state=appeal_state,
        status=status,
        duration_seconds=seconds,
        clock_running=running,
        signed=signed,
        allowed_steps=[s.value for s in rules.allowed_steps(status)],
    )


async def detail(
    session: AsyncSession, visit: Visit, actor: Principal, settings: Settings, cipher: FieldCipher
) -> VisitPublic:
    marks = await service.clock_marks(session=session, visit_ids=[visit.id])
    visitor = None
    if reads_visitor(actor):
        sealed = unseal(cipher, visit.id, visit.visitor)
        visitor = VisitorPublic(name=sealed.name, phone=sealed.phone)
    signed = await service.has_signature(session=session, visit_id=visit.id)
    return public(visit, marks[visit.id], settings=settings, visitor=visitor, signed=signed)


def json_response(status: int, body: VisitPublic) -> JSONResponse:
    response = JSONResponse(body.model_dump(mode="json"), status_code=status)
    set_etag(response, body.version)
    return response
