"""Cohorts and rotation plans as the coordinator and the intern read them."""

from __future__ import annotations

from fastapi.responses import JSONResponse
from sqlalchemy.ext.asyncio import AsyncSession

from apik_internship.applications.service import ApplicantAccess
from apik_internship.cohorts import service
from apik_internship.cohorts.schemas import (
    CohortPublic,
    CohortUnitPublic,
    MemberPublic,
    PlacementPublic,
    RotationPlan,
)
from apik_internship.models import Cohort, Placement
from apik_shared.platform.etag import etag_for
from apik_shared.vocabulary.masking import mask_text


def placement(row: Placement, supervisor: str | None) -> PlacementPublic:
    return PlacementPublic(
        application_id=row.application_id,
        phase=row.phase,
        starts_on=row.starts_on,
        ends_on=row.ends_on,
        unit=row.unit,
        supervisor=supervisor,
        rank=row.rank,
        source=row.source,
    )


async def cohort_body(
    session: AsyncSession, cohort: Cohort, access: ApplicantAccess
) -> CohortPublic:
    """The cohort with its units and members; the interns' account names masked for a
    reader who does not review applicants (as their names are)."""
    units = await service.units_of(session=session, cohort=cohort)
    members = await service.members_of(session=session, cohort=cohort)
    return CohortPublic(
        id=cohort.id,
        office=cohort.office,
        name=cohort.title,
        period_start=cohort.period_start,
        period_end=cohort.period_end,
        phases=cohort.phases,
        units=[CohortUnitPublic.model_validate(u, from_attributes=True) for u in units],
        members=[
            MemberPublic(
                application_id=a.id,
                intern_username=(
                    a.intern_username if access.in_full(a) else mask_text(a.intern_username)
                ),
                period_start=a.period_start,
                period_end=a.period_end,
                preferences=m.preferences,
            )
            for m, a in members
        ],
        created_by=cohort.created_by,
        created_at=cohort.created_at,
        version=cohort.version,
    )


async def cohort_answer(
    session: AsyncSession, cohort: Cohort, access: ApplicantAccess
) -> JSONResponse:
    """The cohort, its version as `ETag` (for the next write's `If-Match`)."""
    body = await cohort_body(session, cohort, access)
    return JSONResponse(body.model_dump(mode="json"), headers={"ETag": etag_for(cohort.version)})


async def plan_answer(session: AsyncSession, cohort: Cohort) -> JSONResponse:
    """Every placement of the cohort, phase by phase, its version as `ETag`."""
    supervisors = {
        u.unit: u.supervisor for u in await service.units_of(session=session, cohort=cohort)
    }
    rows = await service.placements_of(session=session, cohort=cohort)
    body = RotationPlan(
        cohort_id=cohort.id,
        version=cohort.version,
        placements=[placement(p, supervisors.get(p.unit or "")) for p in rows],
        unplaced=sum(1 for p in rows if p.unit is None),
    )
    return JSONResponse(body.model_dump(mode="json"), headers={"ETag": etag_for(cohort.version)})
