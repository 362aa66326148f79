"""How a recommendation is shown (pure shaping, no I/O)."""

from __future__ import annotations

from fastapi import Response

from apik_examination.followup.schemas import (
    OverdueRecommendation,
    RecommendationPublic,
    RecommendationReportPublic,
)
from apik_examination.followup.service import RecommendationState
from apik_examination.models import Case, Recommendation
from apik_shared.platform.etag import set_etag


def recommendation(state: RecommendationState) -> RecommendationPublic:
    rec = state.recommendation
    return RecommendationPublic(
        case_id=rec.case_id,
        text=rec.text,
        issued_at=rec.issued_at,
        received_on=rec.received_on,
        report_due_on=rec.report_due_on,
        issued_by=rec.issued_by,
        reports=[
            RecommendationReportPublic.model_validate(r, from_attributes=True)
            for r in state.reports
        ],
        overdue=state.overdue,
    )


def answer(state: RecommendationState, case: Case, response: Response) -> RecommendationPublic:
    """The recommendation, with the case's version as the ETag for the next write."""
    set_etag(response, case.version)
    return recommendation(state)


def overdue(rows: list[tuple[Case, Recommendation]]) -> list[OverdueRecommendation]:
    return [
        OverdueRecommendation(
            case_id=case.id,
            registration_number=case.registration_number,
            office=case.office,
            reported_agency=case.reported_agency,
            issued_at=rec.issued_at,
            received_on=rec.received_on,
            report_due_on=rec.report_due_on,
        )
        for case, rec in rows
    ]
