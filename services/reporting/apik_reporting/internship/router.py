"""`GET /internship`: the internship KPIs of a year (interns, completion, Red Button)."""

from __future__ import annotations

from apik_reporting.deps import AUTH, CurrentSettings, Scope, Year
from apik_reporting.internship.schemas import InternshipKpis
from apik_reporting.internship.service import internship_kpis
from apik_shared.platform.db import DbSession
from apik_shared.platform.problems import InvalidInput, problem_responses
from apik_shared.platform.routing import ServiceRouter

router = ServiceRouter(tags=["internship"])


@router.get(
    "/internship",
    response_model=InternshipKpis,
    responses=problem_responses(*AUTH, InvalidInput),
)
async def get_internship_kpis(
    year: Year, session: DbSession, scope: Scope, settings: CurrentSettings
) -> InternshipKpis:
    """Interns applied, accepted and completed per month, institution kind and unit; the
    completion rate; the Red Button's response times per month, withheld for a month with
    fewer than `APIK_STATISTICS_MIN_COUNT` cases. Counts and times only, never content."""
    return await internship_kpis(
        session=session, year=year, office=scope, min_count=settings.statistics_min_count
    )
