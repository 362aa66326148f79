"""The desk's use cases: check in, queue, serve, rate. They add and flush; the boundary
commits."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_consultation import rules
from apik_consultation.events import outbox
from apik_consultation.models import TicketCounter, Visit, VisitSignature, VisitStep
from apik_consultation.rules import Category, ObjectionTerms, Step, VisitStatus
from apik_consultation.schemas import VisitCreate
from apik_consultation.visitor import Visitor, seal
from apik_shared.access import get_in_office
from apik_shared.auth import Principal, Role
from apik_shared.crypto import FieldCipher
from apik_shared.events.payloads import VisitCompleted, VisitEnded
from apik_shared.pagination import newest_first_page
from apik_shared.problems import Conflict, InvalidInput, TransitionNotAllowed


class AssignedElsewhere(Conflict):
    slug, title = "assigned-elsewhere", "The visit is assigned to another officer"


def desk_day(at: datetime, timezone: str) -> date:
    return at.astimezone(ZoneInfo(timezone)).date()


async def _next_ticket(session: AsyncSession, office: str, day: date) -> int:
    counter = TicketCounter.__table__  # type: ignore[attr-defined]
    number: int = (
        await session.execute(
            insert(counter)
            .values(office=office, day=day, last=1)
            .on_conflict_do_update(
                index_elements=["office", "day"], set_={"last": counter.c.last + 1}
            )
            .returning(counter.c.last)
        )
    ).scalar_one()
    return number


def _check_objection(data: VisitCreate, today: date) -> None:
    if data.category is not Category.objection:
        for field in ("tender_reference", "announced_on"):
            if getattr(data, field) is not None:
                raise InvalidInput.field(f"#/body/{field}", "Only an objection names a tender.")
        return
    if not data.tender_reference:
        raise InvalidInput.field("#/body/tender_reference", "An objection names its tender.")
    if data.announced_on is None:
        raise InvalidInput.field(
            "#/body/announced_on", "An objection needs the winner announcement's date."
        )
    if data.announced_on > today:
        raise InvalidInput.field("#/body/announced_on", "The announcement date is in the future.")


async def check_in(
    *,
    session: AsyncSession,
    cipher: FieldCipher,
    data: VisitCreate,
    actor: Principal,
    terms: ObjectionTerms,
    timezone: str,
) -> Visit:
    now = datetime.now(UTC)
    today = desk_day(now, timezone)
    _check_objection(data, today)
    category = rules.effective_category(
        data.category, announced_on=data.announced_on, filed_on=today, terms=terms
    )
    visit_id = uuid.uuid4()
    visitor = Visitor(name=data.visitor.name, phone=data.visitor.phone)
    visit = Visit(
        id=visit_id,
        office=actor.office,
        day=today,
        ticket=await _next_ticket(session, actor.office, today),
        requested_category=data.category.value,
        category=category.value,
        description=data.description,
        institution=data.visitor.institution,
        visitor=seal(cipher, visit_id, visitor),
        tender_reference=data.tender_reference,
        announced_on=data.announced_on,
        answer_due=terms.answer_due(today) if category is Category.objection else None,
        status=VisitStatus.waiting.value,
        checked_in_at=now,
        created_by=actor.username,
    )
    session.add(visit)
    await session.flush()
    details = {"late_objection": True} if category is not data.category else {}
    session.add(
        VisitStep(
            visit_id=visit.id,
            step="check_in",
            to_status=visit.status,
            actor=actor.username,
            details=details,
            at=now,
        )
    )
    await session.flush()
    return visit


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


async def queue(*, session: AsyncSession, office: str | None) -> list[Visit]:
    """Visits waiting or being served, first come first."""
    query = (
        select(Visit)
        .where(col(Visit.status).in_([s.value for s in rules.QUEUED]))
        .order_by(col(Visit.checked_in_at), col(Visit.id))
    )
    if office is not None:
        query = query.where(Visit.office == office)
    return list((await session.execute(query)).scalars())


def _may_serve(visit: Visit, actor: Principal) -> None:
    """An assigned visit is served by its officer; a supervisor may step in."""
    if (
        visit.officer
        and visit.officer != actor.username
        and not actor.has_any(Role.desk_supervisor)
    ):
        raise AssignedElsewhere(f"The visit is assigned to {visit.officer}.", officer=visit.officer)


async def apply_step(
    *,
    session: AsyncSession,
    visit: Visit,
    step: Step,
    actor: Principal,
    values: dict[str, Any] | None = None,
    details: dict[str, Any] | None = None,
) -> Visit:
    """Moves the locked visit along the state machine and records the step's time."""
    before = VisitStatus(visit.status)
    try:
        after = rules.next_status(before, step)
    except rules.StepNotAllowed as exc:
        raise TransitionNotAllowed(str(exc), current_status=before.value) from exc
    if step not in (Step.assign, Step.pick_up):
        _may_serve(visit, actor)
    now = datetime.now(UTC)
    changes: dict[str, Any] = {"status": after.value, "version": visit.version + 1}
    changes.update(values or {})
    if step is Step.start:
        changes["started_at"] = now
        changes.setdefault("officer", visit.officer or actor.username)
    if step is Step.end:
        marks = (await clock_marks(session=session, visit_ids=[visit.id]))[visit.id]
        changes["ended_at"] = now
        changes["duration_seconds"] = rules.service_seconds([*marks, (Step.end, now)], now)
    if step is Step.rate:
        changes["rated_at"] = now
    await session.execute(update(Visit).where(col(Visit.id) == visit.id).values(**changes))
    for key, value in changes.items():
        setattr(visit, key, value)
    session.add(
        VisitStep(
            visit_id=visit.id,
            step=step.value,
            from_status=before.value,
            to_status=after.value,
            actor=actor.username,
            details=details or {},
            at=now,
        )
    )
    # The end publishes `visit.ended`, so a visit counts as served even when the visitor
    # leaves without rating; `visit.completed` keeps its contract (served and rated).
    if step is Step.end:
        await _publish_ended(session=session, visit=visit, actor=actor)
    elif step is Step.rate:
        await _publish_completed(session=session, visit=visit, actor=actor, at=now)
    await session.flush()
    return visit


async def rate(
    *,
    session: AsyncSession,
    visit: Visit,
    actor: Principal,
    score: int,
    comment: str | None,
    signature: tuple[str, bytes] | None,
) -> Visit:
    visit = await apply_step(
        session=session,
        visit=visit,
        step=Step.rate,
        actor=actor,
        values={"rating": score, "rating_comment": comment},
        details={"score": score, "signed": signature is not None},
    )
    if signature is not None:
        media_type, content = signature
        session.add(VisitSignature(visit_id=visit.id, media_type=media_type, content=content))
        await session.flush()
    return visit


def _officer_subject(visit: Visit, actor: Principal) -> str | None:
    # The desk keeps usernames; the subject is at hand when the officer takes the step.
    return actor.subject if actor.username == visit.officer else None


def _served(visit: Visit, actor: Principal) -> dict[str, Any]:
    """What `visit.ended` and `visit.completed` both say of the visit."""
    assert visit.officer and visit.ended_at
    return {
        "visit_id": str(visit.id),
        "office": visit.office,
        "category": visit.category,
        "requested_category": visit.requested_category,
        "officer": visit.officer,
        "duration_seconds": visit.duration_seconds or 0,
        "checked_in_at": visit.checked_in_at,
        "ended_at": visit.ended_at,
        "officer_subject": _officer_subject(visit, actor),
    }


async def _publish_ended(*, session: AsyncSession, visit: Visit, actor: Principal) -> None:
    payload = VisitEnded(**_served(visit, actor))
    await outbox.add(session, "visit.ended", payload, subject=str(visit.id))


async def _publish_completed(
    *, session: AsyncSession, visit: Visit, actor: Principal, at: datetime
) -> None:
    assert visit.rating is not None
    payload = VisitCompleted(**_served(visit, actor), rating=visit.rating, completed_at=at)
    await outbox.add(session, "visit.completed", payload, subject=str(visit.id))


async def get_signature(*, session: AsyncSession, visit_id: uuid.UUID) -> VisitSignature | None:
    return await session.get(VisitSignature, visit_id)
