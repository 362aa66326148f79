"""Shared by the steps after the final report: the LHP a step needs. Their moments are
checked as every step's are (`sla.service.step_moment`)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from apik_examination.models import Case, Conclusion
from apik_examination.refusals import CaseStepRefused


async def conclusion_of(*, session: AsyncSession, case: Case) -> Conclusion:
    """The case's final report: every step after it needs one (409 before)."""
    conclusion = await session.get(Conclusion, case.id)
    if conclusion is None:
        raise CaseStepRefused("The case has no final report (LHP) yet.", code="no_final_report")
    return conclusion
