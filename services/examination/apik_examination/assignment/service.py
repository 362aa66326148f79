"""Assignment use cases: rosters, (re)assignment, the round-robin and the workload view.

They add and flush; the boundary (request or consumer) commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import ColumnElement, func
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_examination.assignment.rules import Candidate, next_in_turn
from apik_examination.cases.rules import TERMINAL_STATUSES, CaseStatus
from apik_examination.models import Case, Examiner, Rotation
from apik_examination.refusals import CaseStepRefused, ExaminationConflict
from apik_examination.sla.rules import SlaState
from apik_examination.sla.service import record_event, sla_condition, step_moment
from apik_shared.platform.events.payloads import CaseAssigned
from apik_shared.platform.events.publish import publish
from apik_shared.platform.offices import office_calendar
from apik_shared.platform.problems import InvalidInput
from apik_shared.vocabulary.calendar import OfficeCalendar
from apik_shared.vocabulary.labels import CASE_STATUSES, named

ROUND_ROBIN = "system:round-robin"


async def put_examiner(
    *,
    session: AsyncSession,
    office: str,
    examiner_id: str,
    display_name: str,
    team: str,
    capacity: int,
    in_rotation: bool,
    absent_from: date | None,
    absent_until: date | None,
) -> Examiner:
    examiner = await session.get(Examiner, (office, examiner_id), with_for_update=True)
    if examiner is None:
        examiner = Examiner(
            office=office, examiner_id=examiner_id, display_name=display_name, capacity=capacity
        )
    examiner.display_name, examiner.capacity, examiner.team = display_name, capacity, team
    examiner.in_rotation = in_rotation
    examiner.absent_from, examiner.absent_until = absent_from, absent_until
    examiner.updated_at = datetime.now(UTC)
    session.add(examiner)
    await session.flush()
    return examiner


async def set_rotation(
    *, session: AsyncSession, office: str, enabled: bool, team: str | None
) -> Rotation:
    rotation = await session.get(Rotation, office, with_for_update=True)
    if rotation is None:
        rotation = Rotation(office=office)
    rotation.enabled, rotation.team, rotation.updated_at = enabled, team, datetime.now(UTC)
    session.add(rotation)
    await session.flush()
    return rotation


async def get_rotation(*, session: AsyncSession, office: str) -> Rotation:
    return await session.get(Rotation, office) or Rotation(office=office)


def _live(office: str) -> list[ColumnElement[bool]]:
    return [col(Case.office) == office, col(Case.status).not_in(TERMINAL_STATUSES)]


async def _open_cases(session: AsyncSession, office: str) -> dict[str, int]:
    rows = await session.execute(
        select(Case.examiner_id, func.count())
        .where(*_live(office), col(Case.examiner_id).is_not(None))
        .group_by(col(Case.examiner_id))
    )
    return {examiner: count for examiner, count in rows.all()}


async def assign(
    *,
    session: AsyncSession,
    case: Case,
    examiner_id: str,
    actor: str,
    note: str = "",
    automatic: bool = False,
    at: datetime | None = None,
) -> Case:
    """Assigns (or reassigns) the case; the examiner must be on the office's roster.

    `at`: when, for an assignment made earlier (an office's history; checked against
    the case's previous step); absent, now.
    """
    if CaseStatus(case.status).value in TERMINAL_STATUSES:
        raise CaseStepRefused.in_status(
            f"A {case.status} case is not assigned any more.", named(CASE_STATUSES, case.status)
        )
    if await session.get(Examiner, (case.office, examiner_id)) is None:
        raise InvalidInput.field(
            "#/body/examiner_id",
            f"{examiner_id} is not on the roster of office {case.office}.",
            code="not_on_roster",
            office=case.office,
        )
    if case.examiner_id == examiner_id:
        raise ExaminationConflict(
            f"The case is already assigned to {examiner_id}.",
            code="already_assigned",
            params={"assignee": examiner_id},
        )
    now = await step_moment(
        session=session, case=case, given=at, now=datetime.now(UTC), field="assigned_at"
    )
    previous, case.examiner_id = case.examiner_id, examiner_id
    case.version += 1
    session.add(case)
    await record_event(
        session=session,
        case=case,
        type="reassigned" if previous else "assigned",
        actor=actor,
        data={"from": previous, "to": examiner_id, "note": note, "automatic": automatic},
        at=now,
    )
    payload = CaseAssigned(
        case_id=str(case.id),
        registration_number=case.registration_number,
        office=case.office,
        examiner_id=examiner_id,
        previous_examiner_id=previous,
        assigned_by=actor,
        automatic=automatic,
        assigned_at=now,
    )
    await publish(session, payload, subject=str(case.id))
    return case


async def assign_by_rotation(
    *,
    session: AsyncSession,
    case: Case,
    calendar: OfficeCalendar | None = None,
    at: datetime | None = None,
) -> bool:
    """Gives a new case to the next available examiner when the office uses round-robin
    (among the examiners of the rotation's team, when it names one). `calendar` is the
    office's, when the caller has it already (a batch of handoffs); else it is looked up.
    `at`: the moment of the assignment (the case's opening), for absences and the log.

    The rotation row is locked, so two cases opened at once get two turns. When everyone
    is absent or full the case stays unassigned for a supervisor.
    """
    rotation = await session.get(Rotation, case.office, with_for_update=True)
    if rotation is None or not rotation.enabled:
        return False
    query = select(Examiner).where(Examiner.office == case.office)
    if rotation.team is not None:
        query = query.where(Examiner.team == rotation.team)
    roster = (await session.execute(query)).scalars()
    load = await _open_cases(session, case.office)
    if calendar is None:
        calendar = await office_calendar(session, case.office)
    today = calendar.local_date(at or datetime.now(UTC))
    chosen = next_in_turn(
        [
            Candidate(
                examiner_id=e.examiner_id,
                open_cases=load.get(e.examiner_id, 0),
                capacity=e.capacity,
                in_rotation=e.in_rotation,
                absent_from=e.absent_from,
                absent_until=e.absent_until,
            )
            for e in roster
        ],
        last=rotation.last_examiner_id,
        today=today,
    )
    if chosen is None:
        return False
    rotation.last_examiner_id, rotation.updated_at = chosen.examiner_id, datetime.now(UTC)
    session.add(rotation)
    await assign(
        session=session,
        case=case,
        examiner_id=chosen.examiner_id,
        actor=ROUND_ROBIN,
        automatic=True,
        at=at,
    )
    return True


@dataclass(frozen=True)
class Workload:
    examiner: Examiner
    open_cases: int
    by_sla_state: dict[str, int]


async def workload(*, session: AsyncSession, office: str, now: datetime) -> list[Workload]:
    """Each examiner on the roster with their open cases, by SLA state."""
    roster = (
        await session.execute(
            select(Examiner).where(Examiner.office == office).order_by(col(Examiner.examiner_id))
        )
    ).scalars()
    counts: dict[str, dict[str, int]] = {}
    for state in SlaState:
        rows = await session.execute(
            select(Case.examiner_id, func.count())
            .where(*_live(office), col(Case.examiner_id).is_not(None), sla_condition(state, now))
            .group_by(col(Case.examiner_id))
        )
        for examiner_id, count in rows.all():
            counts.setdefault(examiner_id, {})[state.value] = count
    load = await _open_cases(session, office)
    return [
        Workload(
            examiner=e,
            open_cases=load.get(e.examiner_id, 0),
            by_sla_state=counts.get(e.examiner_id, {}),
        )
        for e in roster
    ]


async def examiner_workload(
    *, session: AsyncSession, office: str, examiner_id: str, now: datetime
) -> Workload:
    """One examiner of the roster with their open cases, by SLA state."""
    [load] = [
        w
        for w in await workload(session=session, office=office, now=now)
        if w.examiner.examiner_id == examiner_id
    ]
    return load
