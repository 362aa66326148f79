"""A risk as the API shows it: with its level and whether its review is overdue (on its
office's own day)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from fastapi.responses import JSONResponse
from sqlalchemy.ext.asyncio import AsyncSession

from apik_consultation.models import Risk
from apik_consultation.risks import rules
from apik_consultation.risks.rules import RiskLevel, RiskStatus
from apik_consultation.risks.schemas import RiskPublic
from apik_consultation.visits.service import days
from apik_shared.platform.etag import set_etag


def public(risk: Risk, *, today: date) -> RiskPublic:
    status = RiskStatus(risk.status)
    return RiskPublic(
        **risk.model_dump(exclude={"level", "status"}),
        level=RiskLevel(risk.level),
        status=status,
        review_overdue=rules.review_overdue(review_on=risk.review_on, today=today, status=status),
    )


async def listed(session: AsyncSession, rows: list[Risk]) -> list[RiskPublic]:
    """A page of risks; the offices' calendars are read once for the page."""
    today = await days.todays(session, {r.office for r in rows}, datetime.now(UTC))
    return [public(r, today=today[r.office]) for r in rows]


async def one(session: AsyncSession, risk: Risk) -> RiskPublic:
    calendar = await days.office_calendar(session, risk.office)
    return public(risk, today=calendar.local_date(datetime.now(UTC)))


async def answer(session: AsyncSession, risk: Risk) -> JSONResponse:
    """One risk, with its ETag."""
    body = await one(session, risk)
    response = JSONResponse(body.model_dump(mode="json"))
    set_etag(response, body.version)
    return response
