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
from apik_examination.rules import CaseStatus, Classification, Track, can_classify, can_move
from apik_examination.rules_sla import SlaState
from apik_examination.service_assignment import assign_by_rotation
from apik_examination.service_sla import record_event, refresh_clock, sla_condition
from apik_examination.settings import Settings
from apik_shared.auth import Principal, Role
from apik_shared.events.payloads import CaseOpened, ReportVerified
from apik_shared.pagination import decode_cursor, encode_cursor
from apik_shared.problems import Forbidden, InvalidInput, NotFound, TransitionNotAllowed


async def open_case(
    *, session: AsyncSession, handoff: ReportVerified, settings: Settings
) -> Case | None:
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
    case = await session.get_one(Case, case.id)
    await record_event(
        session=session,
        case=case,
        type="opened",
        actor=f"intake:{handoff.decided_by}",
        status=CaseStatus.open.value,
        data={"track": case.track},
        at=now,
    )
    await refresh_clock(session=session, case=case, settings=settings, now=now)
    await assign_by_rotation(session=session, case=case, settings=settings)
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


async def get_case(
    *, session: AsyncSession, case_id: uuid.UUID, actor: Principal, for_update: bool = False
) -> Case:
    query = select(Case).where(Case.id == case_id)
    if for_update:
        query = query.with_for_update()
    case = (await session.execute(query)).scalar_one_or_none()
    if case is None or not actor.can_see_office(case.office):
        raise NotFound(f"No case {case_id}.")
    return case


async def get_case_to_work(*, session: AsyncSession, case_id: uuid.UUID, actor: Principal) -> Case:
    """The case, locked for a change by `actor`.

    An examiner works the cases assigned to them (and unassigned ones, before the
    supervisor has chosen); a case of a colleague is theirs alone. Supervisors and the
    head act on every case of their office.
    """
    case = await get_case(session=session, case_id=case_id, actor=actor, for_update=True)
    oversees = actor.has_any(Role.examination_supervisor, Role.head)
    if not oversees and case.examiner_id not in (None, actor.subject):
        raise Forbidden("This case is assigned to another examiner.")
    return case


async def classify(
    *,
    session: AsyncSession,
    case: Case,
    classification: Classification,
    actor: Principal,
    settings: Settings,
) -> Case:
    if not can_classify(CaseStatus(case.status)):
        raise TransitionNotAllowed(f"A {case.status} case is not classified any more.")
    now = datetime.now(UTC)
    previous = case.classification
    case.classification = classification.value
    case.version += 1
    await record_event(
        session=session,
        case=case,
        type="classified",
        actor=actor.subject,
        data={"from": previous, "to": classification.value},
        at=now,
    )
    await refresh_clock(session=session, case=case, settings=settings, now=now)
    return case


async def change_status(
    *,
    session: AsyncSession,
    case: Case,
    status: CaseStatus,
    note: str,
    actor: Principal,
    settings: Settings,
) -> Case:
    """Waiting for the reporter or the agency (the clock pauses), or back to work."""
    if not can_move(CaseStatus(case.status), status):
        raise TransitionNotAllowed(f"A {case.status} case cannot move to {status.value}.")
    now = datetime.now(UTC)
    previous, case.status = case.status, status.value
    case.version += 1
    await record_event(
        session=session,
        case=case,
        type="status_changed",
        actor=actor.subject,
        status=status.value,
        data={"from": previous, "note": note},
        at=now,
    )
    await refresh_clock(session=session, case=case, settings=settings, now=now)
    return case


async def list_cases(
    *,
    session: AsyncSession,
    actor: Principal,
    report_id: uuid.UUID | None,
    cursor: str | None,
    limit: int,
    sla_state: SlaState | None = None,
    classification: Classification | None = None,
    status: CaseStatus | None = None,
    examiner_id: str | None = None,
    now: datetime | None = None,
) -> tuple[list[Case], str | None]:
    query = select(Case).order_by(col(Case.opened_at).desc(), col(Case.id).desc()).limit(limit + 1)
    if (office := actor.office_scope()) is not None:
        query = query.where(Case.office == office)
    if report_id is not None:
        query = query.where(Case.report_id == report_id)
    if sla_state is not None:
        query = query.where(sla_condition(sla_state, now or datetime.now(UTC)))
    if classification is not None:
        query = query.where(Case.classification == classification.value)
    if status is not None:
        query = query.where(Case.status == status.value)
    if examiner_id is not None:
        query = query.where(Case.examiner_id == examiner_id)
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
