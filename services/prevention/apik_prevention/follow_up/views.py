"""The cases' follow-up as the API answers it."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from apik_prevention.follow_up import service
from apik_prevention.follow_up.schemas import CasesFollowUp, CaseState
from apik_prevention.models import Assessment


async def cases_follow_up(session: AsyncSession, assessment: Assessment) -> CasesFollowUp:
    numbers = await service.named_cases(session, assessment)
    tally = await service.tally(session, assessment)
    if tally is None:
        return CasesFollowUp(registration_numbers=[], issued=0, followed_up=0, pending=0, cases=[])
    return CasesFollowUp(
        registration_numbers=numbers,
        issued=tally.issued,
        followed_up=tally.followed_up,
        pending=tally.pending,
        cases=[
            CaseState(
                registration_number=c.registration_number,
                corrective=c.corrective,
                recommendation=c.recommendation,
            )
            for c in tally.cases
        ],
    )
