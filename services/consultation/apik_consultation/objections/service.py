"""Objections (sanggahan) after check-in: the answer, the appeal (sanggah banding) and its
answer, and the lists of due and overdue answers. Their days are the visit's office's
own (`visits.service.days`). They add and flush; the boundary commits."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import tuple_, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_consultation.models import Visit, VisitStep
from apik_consultation.objections.rules import AnswerState, ObjectionTerms
from apik_consultation.visits.rules import Category
from apik_consultation.visits.service import days
from apik_shared.platform.auth import Principal
from apik_shared.platform.pagination import decode_cursor, encode_cursor
from apik_shared.platform.problems import Conflict, InvalidInput


class NotAnObjection(Conflict):
    slug, title = "not-an-objection", "Only an objection is answered this way"


class AlreadyAnswered(Conflict):
    slug, title = "already-answered", "It has been answered"


class NotAnswered(Conflict):
    """`code`: `objection_not_answered` (an appeal follows the objection's answer),
    `not_appealed` (an appeal's answer follows the appeal)."""

    slug, title = "not-answered", "An appeal follows the objection's answer"
    reasons = ("objection_not_answered", "not_appealed")


class AlreadyAppealed(Conflict):
    slug, title = "already-appealed", "The objection has been appealed"


class AppealTooLate(Conflict):
    slug, title = "appeal-too-late", "The term for an appeal has passed"


async def _record(
    session: AsyncSession,
    visit: Visit,
    actor: Principal,
    step: str,
    changes: dict[str, Any],
    details: dict[str, Any],
) -> Visit:
    now = datetime.now(UTC)
    changes = {**changes, "version": visit.version + 1}
    await session.execute(update(Visit).where(col(Visit.id) == visit.id).values(**changes))
    for key, value in changes.items():
        setattr(visit, key, value)
    session.add(
        VisitStep(
            visit_id=visit.id,
            step=step,
            from_status=visit.status,
            to_status=visit.status,
            actor=actor.username,
            details=details,
            at=now,
        )
    )
    await session.flush()
    return visit


def _objection(visit: Visit) -> None:
    if visit.category != Category.objection:
        raise NotAnObjection(f"The visit is a {visit.category}.", category=visit.category)


async def _today(session: AsyncSession, visit: Visit) -> date:
    return (await days.office_calendar(session, visit.office)).local_date(datetime.now(UTC))


async def answer(*, session: AsyncSession, visit: Visit, actor: Principal, text: str) -> Visit:
    """Records the answer to an objection (the visit row is locked by the caller), on
    time when given by the due day of the visit's office."""
    _objection(visit)
    today = await _today(session, visit)
    if visit.answered_at is not None:
        raise AlreadyAnswered(f"Answered at {visit.answered_at.isoformat()}.")
    on_time = visit.answer_due is not None and today <= visit.answer_due
    changes = {"answered_at": datetime.now(UTC), "answer": text}
    return await _record(session, visit, actor, "answer", changes, {"on_time": on_time})


async def appeal(
    *,
    session: AsyncSession,
    visit: Visit,
    actor: Principal,
    guarantee: int,
    estimate: int,
    construction: bool | None,
    terms: ObjectionTerms,
) -> Visit:
    """Files the appeal against the objection's answer (the visit row is locked); its
    term counts the days of the visit's office from the day of the answer, and ends on
    a working day of that office."""
    _objection(visit)
    if visit.answered_at is None:
        raise NotAnswered("The objection has not been answered yet.", code="objection_not_answered")
    calendar = await days.office_calendar(session, visit.office)
    answered_on = calendar.local_date(visit.answered_at)
    today = calendar.local_date(datetime.now(UTC))
    if visit.appealed_at is not None:
        raise AlreadyAppealed(f"Appealed at {visit.appealed_at.isoformat()}.")
    if today > (deadline := terms.appeal_deadline(answered_on, calendar)):
        raise AppealTooLate(f"An appeal was possible until {deadline}.", deadline=str(deadline))
    if not terms.guarantee_suffices(guarantee=guarantee, estimate=estimate):
        raise InvalidInput.field(
            "#/body/guarantee",
            f"The guarantee is at least {terms.appeal_guarantee_percent}% of the estimate.",
            code="guarantee_too_small",
            percent=terms.appeal_guarantee_percent,
        )
    if not terms.appeal_open_to(construction=construction):
        raise InvalidInput.field(
            "#/body/construction",
            "This office takes appeals on construction tenders only.",
            code="appeal_construction_only",
        )
    changes = {
        "appealed_at": datetime.now(UTC),
        "appeal_guarantee": guarantee,
        "appeal_answer_due": terms.appeal_answer_due(today, calendar),
    }
    details: dict[str, Any] = {"guarantee": guarantee, "estimate": estimate}
    if construction is not None:
        details["construction"] = construction
    return await _record(session, visit, actor, "appeal", changes, details)


async def answer_appeal(
    *, session: AsyncSession, visit: Visit, actor: Principal, text: str
) -> Visit:
    _objection(visit)
    today = await _today(session, visit)
    if visit.appealed_at is None:
        raise NotAnswered("The objection has not been appealed.", code="not_appealed")
    if visit.appeal_answered_at is not None:
        raise AlreadyAnswered(f"Answered at {visit.appeal_answered_at.isoformat()}.")
    on_time = visit.appeal_answer_due is not None and today <= visit.appeal_answer_due
    changes = {"appeal_answered_at": datetime.now(UTC), "appeal_answer": text}
    return await _record(session, visit, actor, "appeal_answer", changes, {"on_time": on_time})


async def awaiting_answer(
    *,
    session: AsyncSession,
    actor: Principal,
    appeals: bool,
    state: AnswerState | None,
    cursor: str | None,
    limit: int,
) -> tuple[list[Visit], str | None]:
    """Unanswered objections (or, with `appeals`, unanswered appeals), the earliest deadline
    first; `due` ones can still be answered in time, `overdue` ones have missed it, each
    by today of its own office."""
    due_on = col(Visit.appeal_answer_due) if appeals else col(Visit.answer_due)
    answered = col(Visit.appeal_answered_at) if appeals else col(Visit.answered_at)
    query = (
        select(Visit)
        .where(
            Visit.category == Category.objection.value,
            due_on.is_not(None),
            answered.is_(None),
        )
        .order_by(due_on, col(Visit.id))
        .limit(limit + 1)
    )
    if (office := actor.office_scope()) is not None:
        query = query.where(Visit.office == office)
    if state is AnswerState.answered:
        raise InvalidInput.field(
            "#/query/state", "Lists hold unanswered objections only.", code="unanswered_only"
        )
    if state is not None:
        today = await days.today_of_scope(session, office, col(Visit.office), datetime.now(UTC))
        query = query.where(due_on >= today if state is AnswerState.due else due_on < today)
    if (after := decode_cursor(cursor)) is not None:
        try:
            due, ident = date.fromisoformat(after[0]), uuid.UUID(after[1])
        except (ValueError, IndexError, TypeError) as exc:
            raise InvalidInput.field(
                "#/query/cursor", "The cursor is not valid.", code="cursor_invalid"
            ) from exc
        query = query.where(tuple_(due_on, col(Visit.id)) > tuple_(due, ident))
    rows = list((await session.execute(query)).scalars())
    more = len(rows) > limit
    rows = rows[:limit]
    last = rows[-1] if rows else None
    last_due = (last.appeal_answer_due if appeals else last.answer_due) if last else None
    next_cursor = encode_cursor(str(last_due), str(last.id)) if more and last else None
    return rows, next_cursor
