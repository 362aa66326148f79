"""The rotation plan: the allocation helper's proposal, the coordinator's adjustments,
and every change kept (`placement_change`)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import func
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_internship.cohorts import rules
from apik_internship.cohorts.service.making import members_of, units_of
from apik_internship.models import Application, Cohort, CohortMember, Placement, PlacementChange
from apik_shared.platform.auth import Principal
from apik_shared.platform.events.payloads.internship import InternPlaced
from apik_shared.platform.events.publish import publish
from apik_shared.platform.problems import Conflict, InvalidInput, NotFound


class UnitFull(Conflict):
    slug, title = "unit-full", "The unit has no free place in that phase"


def _listed_rank(preferences: Sequence[str], unit: str | None) -> int | None:
    return preferences.index(unit) if unit is not None and unit in preferences else None


def _overlapping(application: Application, phases: Sequence[rules.Interval]) -> frozenset[int]:
    return frozenset(
        i
        for i, p in enumerate(phases)
        if application.period_start <= p.end and application.period_end >= p.start
    )


async def _changed(
    session: AsyncSession,
    cohort: Cohort,
    placement: Placement,
    before: str | None,
    actor: Principal,
    reason: str | None,
    now: datetime,
) -> None:
    """The history row and `intern.placed`, in the same transaction."""
    session.add(_change(cohort, placement, before, actor, reason, now))
    await publish(
        session,
        InternPlaced(
            application_id=str(placement.application_id),
            office=cohort.office,
            cohort_id=str(cohort.id),
            phase=placement.phase,
            unit=placement.unit,
            starts_on=placement.starts_on,
            ends_on=placement.ends_on,
            source=placement.source,
            placed_at=now,
            placed_by=actor.username,
        ),
        subject=str(placement.application_id),
    )


def _change(
    cohort: Cohort,
    placement: Placement,
    before: str | None,
    actor: Principal,
    reason: str | None,
    now: datetime,
) -> PlacementChange:
    return PlacementChange(
        cohort_id=cohort.id,
        application_id=placement.application_id,
        phase=placement.phase,
        from_unit=before,
        to_unit=placement.unit,
        source=placement.source,
        reason=reason,
        changed_by=actor.username,
        changed_at=now,
    )


async def allocate(*, session: AsyncSession, cohort: Cohort, actor: Principal) -> Cohort:
    """Runs the allocation helper over the whole cohort (`rules.rotation_plan`) and
    writes its plan, replacing earlier placements, the coordinator's too: each
    placement that changes is a history row. Units without places set take none."""
    capacity = {u.unit: u.capacity for u in await units_of(session=session, cohort=cohort)}
    if not any(capacity.values()):
        raise InvalidInput.field(
            "#/body", "Set the units' places first (PUT …/units/{unit}).", code="no_places_set"
        )
    phases = rules.phase_periods(cohort.period_start, cohort.period_end, cohort.phases)
    members = await members_of(session=session, cohort=cohort)
    candidates = [
        rules.Candidate(
            key=str(a.id),
            preferences=tuple(m.preferences),
            order=rules.lottery(str(cohort.id), str(a.id)),
            phases=_overlapping(a, phases),
        )
        for m, a in members
    ]
    plan = rules.rotation_plan(str(cohort.id), candidates, capacity, len(phases))
    preferences = {str(a.id): m.preferences for m, a in members}
    existing = {
        (str(p.application_id), p.phase): p
        for p in await placements_of(session=session, cohort=cohort, lock=True)
    }
    now = datetime.now(UTC)
    for planned in plan:
        placement = existing.pop((planned.key, planned.phase), None)
        before = placement.unit if placement else None
        if placement is None:
            placement = Placement(
                cohort_id=cohort.id,
                application_id=uuid.UUID(planned.key),
                phase=planned.phase,
                starts_on=phases[planned.phase].start,
                ends_on=phases[planned.phase].end,
                source="allocation",
            )
        unchanged = placement.unit == planned.unit and placement.source == "allocation"
        placement.unit, placement.source = planned.unit, "allocation"
        placement.rank = _listed_rank(preferences[planned.key], planned.unit)
        session.add(placement)
        if not unchanged:
            await _changed(session, cohort, placement, before, actor, None, now)
    for stale in existing.values():  # a phase the intern is no longer in
        await session.delete(stale)
    cohort.version += 1
    session.add(cohort)
    await session.flush()
    return cohort


async def adjust(
    *,
    session: AsyncSession,
    cohort: Cohort,
    application_id: uuid.UUID,
    phase: int,
    unit: str | None,
    reason: str,
    actor: Principal,
) -> Placement:
    """The coordinator moves an intern in one phase, within the unit's places; the
    allocation helper's later runs replace it (and record that too)."""
    placement = await session.scalar(
        select(Placement)
        .where(
            Placement.cohort_id == cohort.id,
            Placement.application_id == application_id,
            Placement.phase == phase,
        )
        .with_for_update()
    )
    if placement is None:
        raise NotFound(f"No placement of {application_id} in phase {phase} of this cohort.")
    units = {u.unit: u for u in await units_of(session=session, cohort=cohort)}
    if unit is not None:
        if unit not in units:
            raise InvalidInput.field(
                "#/body/unit",
                f"The cohort has no places set in {unit!r}.",
                code="unit_without_places",
                unit=unit,
            )
        there = await session.scalar(
            select(func.count()).where(
                Placement.cohort_id == cohort.id,
                Placement.phase == phase,
                Placement.unit == unit,
                Placement.id != placement.id,
            )
        )
        if (there or 0) >= units[unit].capacity:
            raise UnitFull(f"{unit} has {units[unit].capacity} place(s) in phase {phase}.")
    member = await session.get(CohortMember, application_id)
    before = placement.unit
    placement.unit, placement.source = unit, "coordinator"
    placement.rank = _listed_rank(member.preferences if member else [], unit)
    session.add(placement)
    await _changed(session, cohort, placement, before, actor, reason, datetime.now(UTC))
    cohort.version += 1
    session.add(cohort)
    await session.flush()
    return placement


async def placements_of(
    *, session: AsyncSession, cohort: Cohort, lock: bool = False
) -> list[Placement]:
    query = (
        select(Placement)
        .where(Placement.cohort_id == cohort.id)
        .order_by(col(Placement.phase), col(Placement.unit), col(Placement.application_id))
    )
    if lock:
        query = query.with_for_update()
    return list((await session.execute(query)).scalars())


async def history(*, session: AsyncSession, cohort: Cohort) -> list[PlacementChange]:
    rows = await session.execute(
        select(PlacementChange)
        .where(PlacementChange.cohort_id == cohort.id)
        .order_by(col(PlacementChange.id))
    )
    return list(rows.scalars())
