"""The case's event log and the SLA clocks computed from it.

The log lives here, not with the cases, because it is the clock's source: every
transition is written through `record_event` and the clock recomputed from the log.
They add and flush; the boundary (request, consumer or the scan's loop) commits.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import ColumnElement, and_, bindparam, func, or_, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import col, select

from apik_examination.cases.rules import TERMINAL_STATUSES, UNORDERED_EVENTS, moment_problem
from apik_examination.models import Case, CaseEvent, SlaPolicy
from apik_examination.refusals import ExaminationConflict
from apik_examination.sla.rules import (
    PolicyTerms,
    PolicyVersion,
    SlaClock,
    SlaPhase,
    SlaState,
    SlaUnit,
    Transition,
    compute_clock,
    days_left,
    history_mark,
    select_policy,
)
from apik_shared.platform.offices import office_calendar, office_calendars
from apik_shared.platform.problems import InvalidInput
from apik_shared.vocabulary.calendar import OfficeCalendar
from apik_shared.vocabulary.labels import TRACKS, named

CASES: sa.Table = Case.__table__  # type: ignore[attr-defined]


async def record_event(
    *,
    session: AsyncSession,
    case: Case,
    type: str,
    actor: str,
    status: str | None = None,
    data: dict[str, Any] | None = None,
    at: datetime,
) -> CaseEvent:
    event = CaseEvent(
        case_id=case.id, type=type, status=status, actor=actor, data=data or {}, at=at
    )
    session.add(event)
    case.history_recorded_at = history_mark(at, datetime.now(UTC))
    session.add(case)
    await session.flush()
    return event


async def last_step_at(*, session: AsyncSession, case: Case) -> datetime:
    """When the case's latest ordered step happened (the opening at least)."""
    previous = (
        await session.execute(
            select(func.max(col(CaseEvent.at))).where(
                CaseEvent.case_id == case.id, col(CaseEvent.type).not_in(UNORDERED_EVENTS)
            )
        )
    ).scalar_one()
    return max(previous, case.opened_at) if previous is not None else case.opened_at


async def step_moment(
    *, session: AsyncSession, case: Case, given: datetime | None, now: datetime, field: str
) -> datetime:
    """When a new step of `case` happened: `given` (a step taken earlier: an office's
    history entered with its real dates) or `now`.

    A given moment is refused, naming `field`, when it is in the future or before the
    case's previous step (the opening at least). Without one, the step is now.
    """
    if given is None:
        return now
    previous = await last_step_at(session=session, case=case)
    problem = moment_problem(given, now=now, previous=previous)
    if problem is not None:
        raise InvalidInput.at(f"#/body/{field}", problem)
    return given


def sla_condition(state: SlaState, now: datetime) -> ColumnElement[bool]:
    """The SQL twin of `sla.rules.state_at`, over the cached columns."""
    running = col(Case.sla_phase) == SlaPhase.running.value
    due_passed = col(Case.sla_breach_at) <= now
    not_due = or_(col(Case.sla_breach_at).is_(None), col(Case.sla_breach_at) > now)
    if state is SlaState.breached:
        return or_(col(Case.sla_phase) == SlaPhase.breached.value, and_(running, due_passed))
    if state is SlaState.warning:
        return and_(running, col(Case.sla_warn_at) <= now, not_due)
    if state is SlaState.on_track:
        no_warning = or_(col(Case.sla_warn_at).is_(None), col(Case.sla_warn_at) > now)
        return and_(running, no_warning, not_due)
    return col(Case.sla_phase) == state.value  # paused, met


def _version(row: SlaPolicy) -> PolicyVersion:
    return PolicyVersion(
        id=str(row.id),
        track=row.track,
        classification=row.classification,
        version=row.version,
        effective_from=row.effective_from,
        terms=PolicyTerms(
            target=row.target,
            unit=SlaUnit(row.unit),
            warning_ratio=row.warning_ratio,
            pause_statuses=frozenset(row.pause_statuses),
        ),
    )


async def load_policies(*, session: AsyncSession) -> list[PolicyVersion]:
    rows = await session.execute(select(SlaPolicy))
    return [_version(row) for row in rows.scalars()]


async def transitions_of(
    *, session: AsyncSession, case_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[Transition]]:
    """The status histories of several cases in one query, each in time order."""
    logs: dict[uuid.UUID, list[Transition]] = {case_id: [] for case_id in case_ids}
    if not case_ids:
        return logs
    rows = await session.execute(
        select(CaseEvent.case_id, CaseEvent.at, CaseEvent.status)
        .where(col(CaseEvent.case_id).in_(case_ids), col(CaseEvent.status).is_not(None))
        .order_by(col(CaseEvent.case_id), col(CaseEvent.at), col(CaseEvent.id))
    )
    for case_id, at, status in rows.all():
        if status is not None:  # the query keeps only the events that set a status
            logs[case_id].append(Transition(at=at, status=status))
    return logs


def _compute(
    *,
    case: Case,
    transitions: Sequence[Transition],
    policies: Sequence[PolicyVersion],
    calendar: OfficeCalendar,
    now: datetime,
) -> tuple[SlaClock, PolicyVersion]:
    policy = select_policy(
        policies, track=case.track, classification=case.classification, opened_at=case.opened_at
    )
    if policy is None:  # the defaults exist from the migration; someone removed them
        raise ExaminationConflict(
            f"No SLA policy for the {case.track} track.",
            code="no_sla_policy",
            params={"track": named(TRACKS, case.track)},
        )
    if not transitions:
        transitions = [Transition(at=case.opened_at, status=case.status)]
    clock = compute_clock(
        terms=policy.terms,
        calendar=calendar,
        transitions=transitions,
        terminal_statuses=TERMINAL_STATUSES,
        now=now,
    )
    return clock, policy


def _cached(clock: SlaClock, policy: PolicyVersion) -> dict[str, Any]:
    """The case columns lists filter on, for this clock."""
    return {
        "sla_policy_id": uuid.UUID(policy.id),
        "sla_phase": clock.phase.value,
        "sla_warn_at": clock.warn_at,
        "sla_breach_at": clock.breach_at,
    }


async def clock_of(
    *,
    session: AsyncSession,
    case: Case,
    now: datetime,
    policies: Sequence[PolicyVersion] | None = None,
    calendar: OfficeCalendar | None = None,
) -> tuple[SlaClock, PolicyVersion]:
    """The case's clock at `now`, recomputed from its event log, on its office's
    calendar as the registry has it now (`calendar`, when the caller has read it)."""
    if policies is None:
        policies = await load_policies(session=session)
    if calendar is None:
        calendar = await office_calendar(session, case.office)
    logs = await transitions_of(session=session, case_ids=[case.id])
    return _compute(
        case=case,
        transitions=logs[case.id],
        policies=policies,
        calendar=calendar,
        now=now,
    )


async def refresh_clock(
    *,
    session: AsyncSession,
    case: Case,
    now: datetime,
    policies: Sequence[PolicyVersion] | None = None,
    calendar: OfficeCalendar | None = None,
) -> tuple[SlaClock, PolicyVersion]:
    """Recomputes the case's clock and rewrites the cached columns lists filter on."""
    clock, policy = await clock_of(
        session=session, case=case, now=now, policies=policies, calendar=calendar
    )
    for name, value in _cached(clock, policy).items():
        setattr(case, name, value)
    session.add(case)
    await session.flush()
    return clock, policy


async def refresh_clocks(
    *,
    session: AsyncSession,
    cases: Sequence[Case],
    now: datetime,
    policies: Sequence[PolicyVersion],
) -> list[tuple[Case, SlaClock, PolicyVersion]]:
    """`refresh_clock` for many cases in a fixed number of statements, however many.

    One query reads the calendars of their offices (from the office registry), one every
    event log, one statement rewrites the cached columns of the cases whose clock moved.
    The caller holds the rows' locks (the scan, a policy change); the objects are given
    the written values without being marked dirty.
    """
    calendars = await office_calendars(session, [c.office for c in cases])
    logs = await transitions_of(session=session, case_ids=[c.id for c in cases])
    clocks: list[tuple[Case, SlaClock, PolicyVersion]] = []
    moved: list[dict[str, Any]] = []
    for case in cases:
        clock, policy = _compute(
            case=case,
            transitions=logs[case.id],
            policies=policies,
            calendar=calendars[case.office],
            now=now,
        )
        clocks.append((case, clock, policy))
        values = _cached(clock, policy)
        if any(getattr(case, name) != value for name, value in values.items()):
            moved.append({"case_id": case.id, **values})
            for name, value in values.items():
                set_committed_value(case, name, value)  # as the row will be, not dirty
    if moved:
        # One executemany; the SET clause is the parameters named after columns.
        await session.execute(update(CASES).where(CASES.c.id == bindparam("case_id")), moved)
    return clocks


async def countdowns(
    *, session: AsyncSession, cases: Sequence[Case], now: datetime
) -> dict[uuid.UUID, tuple[int, SlaUnit]]:
    """Days left (negative: overdue) and their unit for each running or breached case of a
    list page, from the cached clock: two queries for the page, not one per case. A closed
    case has none: its clock stopped, and its detail tells by how much it finished."""
    timed = [
        c
        for c in cases
        if c.sla_breach_at is not None
        and c.sla_policy_id is not None
        and c.status not in TERMINAL_STATUSES
    ]
    if not timed:
        return {}
    policy_ids = {c.sla_policy_id for c in timed}
    units = {
        row.id: SlaUnit(row.unit)
        for row in (
            await session.execute(select(SlaPolicy).where(col(SlaPolicy.id).in_(policy_ids)))
        ).scalars()
    }
    calendars = await office_calendars(session, [c.office for c in timed])
    out: dict[uuid.UUID, tuple[int, SlaUnit]] = {}
    for case in timed:
        unit = units.get(case.sla_policy_id)  # type: ignore[arg-type]
        if unit is None or case.sla_breach_at is None:
            continue
        out[case.id] = (days_left(calendars[case.office], unit, case.sla_breach_at, now), unit)
    return out
