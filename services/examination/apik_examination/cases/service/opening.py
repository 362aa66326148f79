"""Opening cases from intake's handoff, one or a batch at a time.

They add and flush; the consumer commits.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_examination.assignment.service import assign_by_rotation
from apik_examination.cases.rules import TERMINAL_STATUSES, CaseStatus, Track
from apik_examination.models import Case, CaseEvent, Rotation
from apik_examination.refusals import ExaminationConflict
from apik_examination.sla.rules import (
    PolicyVersion,
    SlaClock,
    Transition,
    compute_clock,
    history_mark,
    select_policy,
)
from apik_examination.sla.service import load_policies
from apik_shared.platform.bulk import as_json, insert_from_json
from apik_shared.platform.events.outbox import Outgoing
from apik_shared.platform.events.payloads import CaseOpened, ReportVerified
from apik_shared.platform.events.publish import publish_many
from apik_shared.platform.logs import traceparent_var
from apik_shared.platform.offices import office_calendars
from apik_shared.vocabulary.calendar import OfficeCalendar
from apik_shared.vocabulary.labels import TRACKS, named

CASES: sa.Table = Case.__table__  # type: ignore[attr-defined]
CASE_EVENTS: sa.Table = CaseEvent.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Handoff:
    """A handed-over report, and the trace its `case.opened` event continues."""

    report: ReportVerified
    traceparent: str | None = None


async def open_case(*, session: AsyncSession, handoff: ReportVerified) -> uuid.UUID | None:
    """Opens the case of a handed-over report; None when it already has one."""
    opened = await open_cases(
        session=session, handoffs=[Handoff(handoff, traceparent_var.get() or None)]
    )
    return opened[0] if opened else None


async def open_cases(*, session: AsyncSession, handoffs: Sequence[Handoff]) -> list[uuid.UUID]:
    """Opens the cases of handed-over reports, in a fixed number of statements however
    many there are; returns the ids of those opened (a report with a case already is
    skipped).

    A new case's only transition is its opening, so its SLA clock is computed here
    rather than read back from the event log, and the case row is written with it, on
    its office's calendar from the office registry (one query for the whole batch).

    A case opens at the plenary's decision (`verified_at`), not when the event arrives:
    an office entering its past years hands over a 2022 report, and its case, clock and
    yearly counts belong to 2022. A decision stamped later than this clock reads (the
    other service's clock runs ahead) opens now: nothing happens in the future.
    """
    if not handoffs:
        return []
    now = datetime.now(UTC)
    policies = await load_policies(session=session)
    calendars = await office_calendars(session, [h.report.office for h in handoffs])
    clocks: dict[tuple[str, str, datetime], tuple[SlaClock, PolicyVersion]] = {}
    rows: list[dict[str, Any]] = []
    for handoff in handoffs:
        report = handoff.report
        track = Track(report.track).value
        opened_at = min(report.verified_at, now)
        key = (report.office, track, opened_at)
        if key not in clocks:  # the same office, track and instant: the same clock
            clocks[key] = opening_clock(
                policies,
                track=track,
                calendar=calendars[report.office],
                opened_at=opened_at,
                now=now,
            )
        clock, policy = clocks[key]
        case_row = _case_row(
            id=uuid.uuid4(),
            report_id=uuid.UUID(report.report_id),
            registration_number=report.registration_number,
            office=report.office,
            track=track,
            status=CaseStatus.open.value,
            kind=report.kind,
            channel=report.channel,
            substance=report.substance,
            reported_agency=report.reported_agency,
            summary=report.summary,
            event_date=report.event_date,
            reporter_id=uuid.UUID(report.reporter_id),
            confidential=report.confidential,
            handed_over_at=report.verified_at,
            opened_at=opened_at,
            history_recorded_at=history_mark(opened_at, now),
            sla_policy_id=uuid.UUID(policy.id),
            sla_phase=clock.phase.value,
            sla_warn_at=clock.warn_at,
            sla_breach_at=clock.breach_at,
        )
        rows.append(case_row)
    inserted = await session.execute(_opening(tuple(rows[0])), as_json(rows))
    opened_ids = set(inserted.scalars())
    new = [
        (row, handoff)
        for row, handoff in zip(rows, handoffs, strict=True)
        if row["id"] in opened_ids
    ]
    if not new:
        return []
    log_rows = [
        {
            "case_id": row["id"],
            "type": "opened",
            "status": CaseStatus.open.value,
            "actor": f"intake:{handoff.report.decided_by}",
            "data": {"track": row["track"]},
            "at": row["opened_at"],
        }
        for row, handoff in new
    ]
    await session.execute(insert_from_json(CASE_EVENTS, tuple(log_rows[0])), as_json(log_rows))
    await publish_many(
        session,
        [
            Outgoing(
                CaseOpened(
                    case_id=str(row["id"]),
                    report_id=str(row["report_id"]),
                    registration_number=row["registration_number"],
                    office=row["office"],
                    track=row["track"],
                    substance=row["substance"],
                    opened_at=row["opened_at"],
                ),
                subject=str(row["id"]),
                traceparent=handoff.traceparent,
            )
            for row, handoff in new
        ],
    )
    await _assign_by_rotation(session=session, opened=new, calendars=calendars)
    return [row["id"] for row, _ in new]


@functools.cache
def _opening(columns: tuple[str, ...]) -> sa.Insert:
    """The cases' INSERT, built once: a statement built anew is keyed anew for
    SQLAlchemy's cache, a walk over its 24 columns, for every batch (every
    lone handoff)."""
    # The unique report_id is the second guard behind the inbox: one report, one case.
    return (
        insert_from_json(CASES, columns)
        .on_conflict_do_nothing(index_elements=["report_id"])
        .returning(CASES.c.id)
    )


def _case_row(**given: Any) -> dict[str, Any]:
    """Every column of a new case: the model's defaults where not given, as `Case(...)`
    would fill them in, without building the object (a backlog opens thousands)."""
    row = dict(given)
    for name, factory, default in _case_defaults(tuple(given)):
        row[name] = factory() if factory else default
    return row


@functools.cache
def _case_defaults(given: tuple[str, ...]) -> list[tuple[str, Callable[[], Any] | None, Any]]:
    """The columns `given` leaves to the model's defaults, read off its fields once (the
    walk over every field, for every case of every batch, was most of `_case_row`)."""
    defaults = []
    for name, field in Case.model_fields.items():
        if name in given:
            continue
        if field.is_required():
            raise TypeError(f"a case needs {name}")
        defaults.append((name, field.default_factory, field.default))
    return defaults  # type: ignore[return-value]


def opening_clock(
    policies: Sequence[PolicyVersion],
    *,
    track: str,
    calendar: OfficeCalendar,
    opened_at: datetime,
    now: datetime,
) -> tuple[SlaClock, PolicyVersion]:
    """The clock at `now` of a case opened at `opened_at` (unclassified, its opening its
    one transition): a case of an office's past may be breached from the start."""
    policy = select_policy(policies, track=track, classification=None, opened_at=opened_at)
    if policy is None:  # the defaults exist from the migration; someone removed them
        raise ExaminationConflict(
            f"No SLA policy for the {track} track.",
            code="no_sla_policy",
            params={"track": named(TRACKS, track)},
        )
    clock = compute_clock(
        terms=policy.terms,
        calendar=calendar,
        transitions=[Transition(at=opened_at, status=CaseStatus.open.value)],
        terminal_statuses=TERMINAL_STATUSES,
        now=now,
    )
    return clock, policy


async def _assign_by_rotation(
    *,
    session: AsyncSession,
    opened: list[tuple[dict[str, Any], Handoff]],
    calendars: Mapping[str, OfficeCalendar],
) -> None:
    """New cases of offices with round-robin on get their examiner, one after the other."""
    offices = {row["office"] for row, _ in opened}
    rotating = set(
        (
            await session.execute(
                select(Rotation.office).where(
                    col(Rotation.office).in_(offices), col(Rotation.enabled).is_(True)
                )
            )
        ).scalars()
    )
    for row, handoff in opened:
        if row["office"] not in rotating:
            continue
        case = await session.get_one(Case, row["id"])
        token = traceparent_var.set(handoff.traceparent or "")
        try:
            # At the opening: a case of the office's past is assigned in the past too, so
            # its later steps, dated after the opening, still come after the assignment.
            await assign_by_rotation(
                session=session, case=case, calendar=calendars[row["office"]], at=case.opened_at
            )
        finally:
            traceparent_var.reset(token)
