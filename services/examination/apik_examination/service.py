"""Examination's use cases. They add and flush; the boundary (request or consumer) commits."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import tuple_
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_examination.events import outbox
from apik_examination.models import Case
from apik_examination.rules import CaseStatus, Track
from apik_shared.auth import Principal
from apik_shared.events.payloads import CaseOpened, ReportVerified
from apik_shared.pagination import decode_cursor, encode_cursor
from apik_shared.problems import InvalidInput, NotFound


async def open_case(*, session: AsyncSession, handoff: ReportVerified) -> Case | None:
    """Opens the case of a handed-over report; None when it already has one."""
    now = datetime.now(UTC)
    case = Case(
        report_id=uuid.UUID(handoff.report_id),
        registration_number=handoff.registration_number,
        office=handoff.office,
        track=Track(handoff.track).value,
        status=CaseStatus.open.value,
        kind=handoff.kind,
        channel=handoff.channel,
        substance=handoff.substance,
        reported_agency=handoff.reported_agency,
        summary=handoff.summary,
        event_date=handoff.event_date,
        reporter_id=uuid.UUID(handoff.reporter_id),
        confidential=handoff.confidential,
        handed_over_at=handoff.verified_at,
        opened_at=now,
    )
    # The unique report_id is the second guard behind the inbox: one report, one case.
    inserted = await session.execute(
        insert(Case)
        .values(**case.model_dump())
        .on_conflict_do_nothing(index_elements=["report_id"])
        .returning(col(Case.id))
    )
    if inserted.first() is None:
        return None
    opened = CaseOpened(
        case_id=str(case.id),
        report_id=str(case.report_id),
        registration_number=case.registration_number,
        office=case.office,
        track=case.track,
        substance=case.substance,
        opened_at=now,
    )
    await outbox.add(session, "case.opened", opened, subject=str(case.id))
    return case


async def get_case(*, session: AsyncSession, case_id: uuid.UUID, actor: Principal) -> Case:
    case = await session.get(Case, case_id)
    if case is None or not actor.can_see_office(case.office):
        raise NotFound(f"No case {case_id}.")
    return case


async def list_cases(
    *,
    session: AsyncSession,
    actor: Principal,
    report_id: uuid.UUID | None,
    cursor: str | None,
    limit: int,
) -> tuple[list[Case], str | None]:
    query = select(Case).order_by(col(Case.opened_at).desc(), col(Case.id).desc()).limit(limit + 1)
    if (office := actor.office_scope()) is not None:
        query = query.where(Case.office == office)
    if report_id is not None:
        query = query.where(Case.report_id == report_id)
    if (after := decode_cursor(cursor)) is not None:
        try:
            opened, ident = datetime.fromisoformat(after[0]), uuid.UUID(after[1])
        except (ValueError, IndexError, TypeError) as exc:
            raise InvalidInput.field("#/query/cursor", "The cursor is not valid.") from exc
        query = query.where(tuple_(col(Case.opened_at), col(Case.id)) < tuple_(opened, ident))
    rows = list((await session.execute(query)).scalars())
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = encode_cursor(rows[-1].opened_at.isoformat(), str(rows[-1].id)) if more else None
    return rows, next_cursor
