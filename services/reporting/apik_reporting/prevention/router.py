"""`GET /prevention`: the prevention KPIs of a year, from the prevention service's events."""

from __future__ import annotations

from apik_reporting.deps import AUTH, Scope, Year
from apik_reporting.prevention.schemas import PreventionKpis
from apik_reporting.prevention.service import prevention_kpis
from apik_shared.platform.db import DbSession
from apik_shared.platform.problems import InvalidInput, problem_responses
from apik_shared.platform.routing import ServiceRouter

router = ServiceRouter(tags=["prevention"])


@router.get(
    "/prevention",
    response_model=PreventionKpis,
    responses=problem_responses(*AUTH, InvalidInput),
)
async def get_prevention_kpis(year: Year, session: DbSession, scope: Scope) -> PreventionKpis:
    """Assessments published and their results, suggestions followed up, clinics and their
    N-gain, focal points activated (per regency), agreements in force. Counts, published
    results and references only, never a person."""
    return await prevention_kpis(session=session, year=year, office=scope)
