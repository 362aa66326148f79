"""Examination's use cases. They add and flush; the boundary (request or consumer) commits."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

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
from apik_shared.access import get_in_office
from apik_shared.auth import Principal, Role
from apik_shared.events.payloads import CaseOpened, ReportVerified
from apik_shared.pagination import newest_first_page
from apik_shared.problems import Forbidden, TransitionNotAllowed


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
    return await get_in_office(
        session=session,
        model=Case,
        ident=case_id,
        actor=actor,
        label="case",
        for_update=for_update,
    )


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
    query = select(Case)
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
    return await newest_first_page(
        session,
        query,
        timestamp=col(Case.opened_at),
        ident=col(Case.id),
        cursor=cursor,
        limit=limit,
    )
