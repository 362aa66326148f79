"""A risk as the API shows it: with its level and whether its review is overdue."""

from __future__ import annotations

from datetime import date

from fastapi.responses import JSONResponse

from apik_consultation.models import Risk
from apik_consultation.risks import rules
from apik_consultation.risks.rules import RiskLevel, RiskStatus
from apik_consultation.risks.schemas import RiskPublic
from apik_shared.etag import set_etag


def public(risk: Risk, *, today: date) -> RiskPublic:
    status = RiskStatus(risk.status)
    return RiskPublic(
        **risk.model_dump(exclude={"level", "status"}),
        level=RiskLevel(risk.level),
        status=status,
        review_overdue=rules.review_overdue(review_on=risk.review_on, today=today, status=status),
    )


def answer(risk: Risk, *, today: date) -> JSONResponse:
    """One risk, with its ETag."""
    body = public(risk, today=today)
    response = JSONResponse(body.model_dump(mode="json"))
    set_etag(response, body.version)
    return response
