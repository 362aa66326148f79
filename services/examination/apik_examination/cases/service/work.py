"""Working a case: finding it, classifying it, moving its status, listing cases, and
what its detail shows. They add and flush; the request commits."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select
from sqlmodel.sql.expression import SelectOfScalar

from apik_examination.cases.rules import (
    CaseStatus,
    Classification,
    Standing,
    can_classify,
    can_move,
    moment_field,
)
from apik_examination.closure.rules import in_monitoring
from apik_examination.models import Case, Closure, Conclusion, Recommendation
from apik_examination.refusals import CaseStepRefused, ExaminationForbidden
from apik_examination.sla.rules import PolicyVersion, SlaClock, SlaState
from apik_examination.sla.service import (
    clock_of,
    record_event,
    refresh_clock,
    sla_condition,
    step_moment,
)
from apik_shared.platform.access import get_in_office
from apik_shared.platform.auth import Principal, Role
from apik_shared.platform.offices import office_calendar
from apik_shared.platform.pagination import newest_first_page
from apik_shared.platform.problems import InvalidInput, TransitionNotAllowed
from apik_shared.vocabulary.labels import CASE_STATUSES, named


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


# Who may call the writes on a case (`deps.py` requires them): those who work cases,
# those who close them (the head of office too), those who assign them.
WORKER_ROLES = (Role.examiner, Role.examination_supervisor)
CLOSER_ROLES = (*WORKER_ROLES, Role.head)
SUPERVISOR_ROLES = (Role.examination_supervisor,)


def free_to_work(actor: Principal, case: Case) -> bool:
    """An examiner works the cases assigned to them (and unassigned ones, before the
    supervisor has chosen); a case of a colleague is theirs alone. Supervisors and the
    head act on every case of their office."""
    oversees = actor.has_any(Role.examination_supervisor, Role.head)
    return oversees or case.examiner_id in (None, actor.subject)


def standing(actor: Principal, case: Case) -> Standing:
    """What `actor` is to `case`: the role and assignment checks every write makes,
    for the actions a read offers (`rules.allowed_actions`)."""
    free = free_to_work(actor, case)
    return Standing(
        works=free and actor.has_any(*WORKER_ROLES),
        assigns=actor.has_any(*SUPERVISOR_ROLES),
        closes=free and actor.has_any(*CLOSER_ROLES),
    )


async def get_case_to_work(*, session: AsyncSession, case_id: uuid.UUID, actor: Principal) -> Case:
    """The case, locked for a change by `actor`, if it is free for them to work."""
    case = await get_case(session=session, case_id=case_id, actor=actor, for_update=True)
    if not free_to_work(actor, case):
        raise ExaminationForbidden(
            "This case is assigned to another examiner.", code="assigned_elsewhere"
        )
    return case


async def classify(
    *,
    session: AsyncSession,
    case: Case,
    classification: Classification,
    actor: Principal,
    at: datetime | None = None,
) -> Case:
    """Classifies the case (its SLA policy follows); `at`: when, for a step taken
    earlier (an office's history), else now."""
    if not can_classify(CaseStatus(case.status)):
        raise CaseStepRefused.in_status(
            f"A {case.status} case is not classified any more.", named(CASE_STATUSES, case.status)
        )
    now = datetime.now(UTC)
    when = await step_moment(session=session, case=case, given=at, now=now, field="classified_at")
    previous = case.classification
    case.classification = classification.value
    case.version += 1
    await record_event(
        session=session,
        case=case,
        type="classified",
        actor=actor.subject,
        data={"from": previous, "to": classification.value},
        at=when,
    )
    await refresh_clock(session=session, case=case, now=now)
    return case


async def change_status(
    *,
    session: AsyncSession,
    case: Case,
    status: CaseStatus,
    note: str,
    actor: Principal,
    at: datetime | None = None,
    field: str = "changed_at",
) -> Case:
    """Waiting for the reporter or the agency (the clock pauses), or back to work.

    `at`: when, for a move made earlier (an office's history), checked against the
    case's previous step and refused naming `field`; absent, now.
    """
    if not can_move(CaseStatus(case.status), status):
        raise TransitionNotAllowed.move_refused(
            f"A {case.status} case cannot move to {status.value}.",
            status=named(CASE_STATUSES, case.status),
            target=named(CASE_STATUSES, status.value),
        )
    now = datetime.now(UTC)
    when = await step_moment(session=session, case=case, given=at, now=now, field=field)
    previous, case.status = case.status, status.value
    case.version += 1
    await record_event(
        session=session,
        case=case,
        type="status_changed",
        actor=actor.subject,
        status=status.value,
        data={"from": previous, "note": note},
        at=when,
    )
    await refresh_clock(session=session, case=case, now=now)
    return case


async def move(
    *,
    session: AsyncSession,
    case: Case,
    status: CaseStatus,
    note: str,
    actor: Principal,
    paused_at: datetime | None,
    resumed_at: datetime | None,
) -> Case:
    """A manual move dated by the field its kind names (`moment_field`): a wait by
    `paused_at`, back to work by `resumed_at`; the other one is refused, not ignored."""
    field = moment_field(status)
    given, other = (resumed_at, paused_at) if field == "resumed_at" else (paused_at, resumed_at)
    if other is not None:
        wrong = "paused_at" if field == "resumed_at" else "resumed_at"
        detail = f"A move to {status.value} is dated by {field}."
        raise InvalidInput.field(
            f"#/body/{wrong}", detail, code="dated_by_other_field", field=field
        )
    return await change_status(
        session=session, case=case, status=status, note=note, actor=actor, at=given, field=field
    )


@dataclass(frozen=True)
class CaseFilter:
    """The list's filters, the same for a page and for the whole export."""

    report_id: uuid.UUID | None = None
    sla_state: SlaState | None = None
    classification: Classification | None = None
    status: CaseStatus | None = None
    examiner_id: str | None = None
    number: str | None = None  # the report's registration number, whole


def filtered(actor: Principal, where: CaseFilter, now: datetime) -> SelectOfScalar[Case]:
    """The cases `where` selects among those the caller's office scope shows."""
    query = select(Case)
    if (office := actor.office_scope()) is not None:
        query = query.where(Case.office == office)
    if where.report_id is not None:
        query = query.where(Case.report_id == where.report_id)
    if where.sla_state is not None:
        query = query.where(sla_condition(where.sla_state, now))
    if where.classification is not None:
        query = query.where(Case.classification == where.classification.value)
    if where.status is not None:
        query = query.where(Case.status == where.status.value)
    if where.examiner_id is not None:
        query = query.where(Case.examiner_id == where.examiner_id)
    if where.number is not None:
        # As typed or in capitals (numbers are issued in capitals; a hand-typed one may not be).
        query = query.where(col(Case.registration_number).in_({where.number, where.number.upper()}))
    return query


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
    number: str | None = None,
    now: datetime | None = None,
) -> tuple[list[Case], str | None]:
    where = CaseFilter(report_id, sla_state, classification, status, examiner_id, number)
    return await newest_first_page(
        session,
        filtered(actor, where, now or datetime.now(UTC)),
        timestamp=col(Case.opened_at),
        ident=col(Case.id),
        cursor=cursor,
        limit=limit,
    )


@dataclass(frozen=True)
class CaseState:
    """Everything a case's detail shows, read at one instant."""

    case: Case
    clock: SlaClock
    policy: PolicyVersion
    conclusion: Conclusion | None
    closure: Closure | None
    monitoring: bool  # past the corrective-action deadline with actions undone
    at: datetime
    # The recommendation after the LHP, if issued (its steps are offered from it).
    recommendation: Recommendation | None = None


async def case_state(*, session: AsyncSession, case: Case) -> CaseState:
    """The case with its clock recomputed from the log, its final report and closure."""
    now = datetime.now(UTC)
    calendar = await office_calendar(session, case.office)
    clock, policy = await clock_of(session=session, case=case, now=now, calendar=calendar)
    conclusion = await session.get(Conclusion, case.id)
    closure = await session.get(Closure, case.id)
    recommendation = await session.get(Recommendation, case.id) if conclusion else None
    monitoring = conclusion is not None and in_monitoring(
        due_on=conclusion.corrective_due_on,
        done=[a.get("done_on") is not None for a in conclusion.corrective_actions],
        today=calendar.local_date(now),
    )
    return CaseState(
        case=case,
        clock=clock,
        policy=policy,
        conclusion=conclusion,
        closure=closure,
        monitoring=monitoring,
        at=now,
        recommendation=recommendation,
    )
