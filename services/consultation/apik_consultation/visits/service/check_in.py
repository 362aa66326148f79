"""Checking a visitor in: the queue ticket, the sealed identity, the objection's terms.
It adds and flushes; the boundary commits."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime

from pydantic import BaseModel
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from apik_consultation.models import TicketCounter, Visit, VisitStep
from apik_consultation.objections.rules import ObjectionTerms, check_in_problem, effective_category
from apik_consultation.visits.rules import Category, VisitStatus
from apik_consultation.visits.schemas import VisitCreate
from apik_shared.platform.auth import Principal
from apik_shared.platform.crypto import FieldCipher
from apik_shared.platform.problems import InvalidInput
from apik_shared.vocabulary.calendar import OfficeCalendar


class Visitor(BaseModel):
    """A visitor's name and phone as sealed in `Visit.visitor`.

    Encrypted together with the visit's id as associated data, so the blob only opens
    for its own row. The institution stays in clear: it names a firm or an agency, and
    the desk's analysis counts by it.
    """

    name: str
    phone: str | None = None


def _context(visit_id: uuid.UUID) -> str:
    return f"visit:{visit_id}:visitor"


def seal_visitor(cipher: FieldCipher, visit_id: uuid.UUID, visitor: Visitor) -> str:
    plaintext = json.dumps(visitor.model_dump(), separators=(",", ":")).encode()
    return cipher.encrypt(plaintext, context=_context(visit_id))


def unseal_visitor(cipher: FieldCipher, visit: Visit) -> Visitor:
    return Visitor.model_validate_json(cipher.decrypt(visit.visitor, context=_context(visit.id)))


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


async def check_in(
    *,
    session: AsyncSession,
    cipher: FieldCipher,
    data: VisitCreate,
    actor: Principal,
    terms: ObjectionTerms,
    calendar: OfficeCalendar,
) -> Visit:
    """Checks the visitor in at the caller's office; `calendar` is that office's: the
    ticket's day and the objection's terms count in its zone."""
    now = datetime.now(UTC)
    today = calendar.local_date(now)
    problem = check_in_problem(
        category=data.category,
        tender_reference=data.tender_reference,
        announced_on=data.announced_on,
        today=today,
    )
    if problem is not None:
        field, why = problem
        raise InvalidInput.at(f"#/body/{field}", why)
    category = effective_category(
        data.category,
        announced_on=data.announced_on,
        filed_on=today,
        terms=terms,
        calendar=calendar,
    )
    answer_due = None
    if category is Category.objection and data.announced_on is not None:
        answer_due = terms.answer_due(
            announced_on=data.announced_on, filed_on=today, calendar=calendar
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
        visitor=seal_visitor(cipher, visit_id, visitor),
        tender_reference=data.tender_reference,
        announced_on=data.announced_on,
        answer_due=answer_due,
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
