"""Cohorts and placements: the coordinator makes a cohort, sets its units' places and
supervisors, runs the allocation helper and adjusts; the intern reads their rotation and
ranks the units."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Path, Request, Response
from fastapi.responses import JSONResponse

from apik_internship.cohorts import service, views
from apik_internship.cohorts.schemas import (
    CohortCreate,
    CohortPublic,
    CohortSummary,
    PlacementChangePublic,
    PlacementPublic,
    PlacementSet,
    Preferences,
    PreferencesPublic,
    RotationPlan,
    UnitSet,
)
from apik_internship.deps import (
    AUTH,
    Applicants,
    CurrentCohort,
    CurrentIntern,
    CurrentSettings,
    LockedCohort,
    Reader,
    Reviewer,
)
from apik_shared.platform.db import DbSession
from apik_shared.platform.etag import etag_for
from apik_shared.platform.idempotency import Idempotency
from apik_shared.platform.problems import (
    InvalidInput,
    NotFound,
    PreconditionFailed,
    problem_responses,
)
from apik_shared.platform.routing import ServiceRouter, created

router = ServiceRouter(tags=["cohorts"])
WRITE = problem_responses(*AUTH, NotFound, InvalidInput, PreconditionFailed)


@router.post(
    "/cohorts",
    response_model=CohortPublic,
    status_code=201,
    responses=problem_responses(*AUTH, InvalidInput),
)
async def create_cohort(
    data: CohortCreate,
    request: Request,
    session: DbSession,
    actor: Reviewer,
    access: Applicants,
    settings: CurrentSettings,
) -> Response:
    """A cohort of the caller's office: every accepted intern whose period starts within
    it and who is in no cohort yet. `Idempotency-Key` replays the first answer."""
    idempotency = Idempotency(session, request, caller=actor.subject)
    if (replay := await idempotency.begin()) is not None:
        return replay
    cohort = await service.create_cohort(
        session=session,
        office=actor.office,
        name=data.name,
        start=data.period_start,
        end=data.period_end,
        phases=data.phases or settings.rotation_phases,
        units=settings.units,
        actor=actor,
    )
    return await created(
        idempotency,
        await views.cohort_body(session, cohort, access),
        location=f"{request.url.path}/{cohort.id}",
        version=cohort.version,
    )


@router.get("/cohorts", response_model=list[CohortSummary], responses=problem_responses(*AUTH))
async def list_cohorts(session: DbSession, actor: Reader) -> list[CohortSummary]:
    rows = await service.list_cohorts(session=session, actor=actor)
    return [
        CohortSummary(
            id=c.id,
            name=c.title,
            period_start=c.period_start,
            period_end=c.period_end,
            phases=c.phases,
            members=count,
            version=c.version,
        )
        for c, count in rows
    ]


@router.get(
    "/cohorts/{cohort_id}",
    response_model=CohortPublic,
    responses=problem_responses(*AUTH, NotFound),
)
async def get_cohort(
    cohort_id: uuid.UUID,
    session: DbSession,
    actor: Reader,
    access: Applicants,
    cohort: CurrentCohort,
) -> JSONResponse:
    return await views.cohort_answer(session, cohort, access)


@router.put("/cohorts/{cohort_id}/units/{unit}", response_model=CohortPublic, responses=WRITE)
async def set_cohort_unit(
    cohort_id: uuid.UUID,
    unit: Annotated[str, Path(max_length=64)],
    data: UnitSet,
    session: DbSession,
    actor: Reviewer,
    access: Applicants,
    cohort: LockedCohort,
    settings: CurrentSettings,
) -> JSONResponse:
    """A unit's places in each phase of the cohort, and its supervisor."""
    cohort = await service.set_unit(
        session=session,
        cohort=cohort,
        unit=unit,
        capacity=data.capacity,
        supervisor=data.supervisor,
        units=settings.units,
    )
    return await views.cohort_answer(session, cohort, access)


@router.post("/cohorts/{cohort_id}/allocation", response_model=RotationPlan, responses=WRITE)
async def allocate_cohort(
    cohort_id: uuid.UUID, session: DbSession, actor: Reviewer, cohort: LockedCohort
) -> JSONResponse:
    """Runs the allocation helper (`cohorts.rules`: rank-maximal within the places,
    ties by a fixed lottery) and writes its plan over the earlier one; each change is
    kept in the history."""
    cohort = await service.allocate(session=session, cohort=cohort, actor=actor)
    return await views.plan_answer(session, cohort)


@router.get(
    "/cohorts/{cohort_id}/plan",
    response_model=RotationPlan,
    responses=problem_responses(*AUTH, NotFound),
)
async def read_plan(
    cohort_id: uuid.UUID, session: DbSession, actor: Reader, cohort: CurrentCohort
) -> JSONResponse:
    return await views.plan_answer(session, cohort)


@router.put(
    "/cohorts/{cohort_id}/placements/{application_id}/{phase}",
    response_model=PlacementPublic,
    responses=problem_responses(
        *AUTH, NotFound, InvalidInput, PreconditionFailed, service.UnitFull
    ),
)
async def adjust_placement(
    cohort_id: uuid.UUID,
    application_id: uuid.UUID,
    phase: Annotated[int, Path(ge=0, le=11)],
    data: PlacementSet,
    session: DbSession,
    actor: Reviewer,
    cohort: LockedCohort,
) -> JSONResponse:
    """The coordinator's adjustment of one phase, within the unit's places, with why."""
    placement = await service.adjust(
        session=session,
        cohort=cohort,
        application_id=application_id,
        phase=phase,
        unit=data.unit,
        reason=data.reason,
        actor=actor,
    )
    units = {u.unit: u.supervisor for u in await service.units_of(session=session, cohort=cohort)}
    body = views.placement(placement, units.get(placement.unit or ""))
    return JSONResponse(body.model_dump(mode="json"), headers={"ETag": etag_for(cohort.version)})


@router.get(
    "/cohorts/{cohort_id}/history",
    response_model=list[PlacementChangePublic],
    responses=problem_responses(*AUTH, NotFound),
)
async def placement_history(
    cohort_id: uuid.UUID, session: DbSession, actor: Reader, cohort: CurrentCohort
) -> list[PlacementChangePublic]:
    """Every change of the cohort's placements, oldest first."""
    rows = await service.history(session=session, cohort=cohort)
    return [PlacementChangePublic.model_validate(r, from_attributes=True) for r in rows]


@router.get(
    "/intern/rotation",
    response_model=list[PlacementPublic],
    responses=problem_responses(*AUTH),
)
async def my_rotation(session: DbSession, intern: CurrentIntern) -> list[PlacementPublic]:
    """The intern's own placements, phase by phase, with each unit's supervisor."""
    rows = await service.own_rotation(session=session, application=intern)
    return [views.placement(p, supervisor) for p, supervisor in rows]


@router.put(
    "/intern/preferences",
    response_model=PreferencesPublic,
    responses=problem_responses(*AUTH, NotFound, InvalidInput),
)
async def set_my_preferences(
    data: Preferences, session: DbSession, intern: CurrentIntern, settings: CurrentSettings
) -> PreferencesPublic:
    """The intern ranks the units, best first; the next allocation reads them."""
    member = await service.set_preferences(
        session=session, application=intern, units=data.units, known=settings.units
    )
    return PreferencesPublic(cohort_id=member.cohort_id, units=member.preferences)
