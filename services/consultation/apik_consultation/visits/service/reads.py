"""Reading visits: one (office-checked, optionally locked), a page of them, their clocks
and whether a signature is on file."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_consultation.models import Visit, VisitSignature, VisitStep
from apik_consultation.visits.rules import Step
from apik_shared.platform.access import get_in_office
from apik_shared.platform.auth import Principal
from apik_shared.platform.pagination import newest_first_page


async def get_visit(
    *, session: AsyncSession, visit_id: uuid.UUID, actor: Principal, for_update: bool = False
) -> Visit:
    return await get_in_office(
        session=session,
        model=Visit,
        ident=visit_id,
        actor=actor,
        label="visit",
        for_update=for_update,
    )


async def clock_marks(
    *, session: AsyncSession, visit_ids: list[uuid.UUID]
) -> dict[uuid.UUID, list[tuple[Step, datetime]]]:
    """The recorded start/pause/resume/end times of each visit, for `rules.service_seconds`."""
    marks: dict[uuid.UUID, list[tuple[Step, datetime]]] = {v: [] for v in visit_ids}
    if not visit_ids:
        return marks
    clock_steps = [Step.start.value, Step.pause.value, Step.resume.value, Step.end.value]
    rows = await session.execute(
        select(VisitStep.visit_id, VisitStep.step, VisitStep.at)
        .where(col(VisitStep.visit_id).in_(visit_ids), col(VisitStep.step).in_(clock_steps))
        .order_by(col(VisitStep.id))
    )
    for visit_id, step, at in rows:
        marks[visit_id].append((Step(step), at))
    return marks


async def has_signature(*, session: AsyncSession, visit_id: uuid.UUID) -> bool:
    return await session.get(VisitSignature, visit_id) is not None


async def list_visits(
    *,
    session: AsyncSession,
    actor: Principal,
    statuses: list[str] | None,
    cursor: str | None,
    limit: int,
) -> tuple[list[Visit], str | None]:
    query = select(Visit)
    if (office := actor.office_scope()) is not None:
        query = query.where(Visit.office == office)
    if statuses:
        query = query.where(col(Visit.status).in_(statuses))
    return await newest_first_page(
        session,
        query,
        timestamp=col(Visit.checked_in_at),
        ident=col(Visit.id),
        cursor=cursor,
        limit=limit,
    )


async def get_signature(*, session: AsyncSession, visit_id: uuid.UUID) -> VisitSignature | None:
    return await session.get(VisitSignature, visit_id)
