"""Shared by the steps after the final report: the LHP a step needs, and the moment a
client gives for it (a past one for migrated history)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from apik_examination.models import Case, Conclusion
from apik_shared.platform.problems import InvalidInput, TransitionNotAllowed


def invalid(field: str, detail: str) -> InvalidInput:
    return InvalidInput(detail, errors=[{"pointer": f"#/body/{field}", "detail": detail}])


async def conclusion_of(*, session: AsyncSession, case: Case) -> Conclusion:
    """The case's final report: every step after it needs one (409 before)."""
    conclusion = await session.get(Conclusion, case.id)
    if conclusion is None:
        raise TransitionNotAllowed("The case has no final report (LHP) yet.")
    return conclusion


def moment(
    *, given: datetime | None, field: str, now: datetime, conclusion: Conclusion
) -> datetime:
    """`given` (absent: now), neither in the future nor before the LHP, as every
    examination step takes a historical date (the convention: `<verb>_at`)."""
    at = given or now
    if at > now:
        raise invalid(field, "This moment is in the future.")
    if at < conclusion.concluded_at:
        raise invalid(field, "The final report (LHP) was issued after this moment.")
    return at
