"""After the final report (LHP): the move to resolution and monitoring, the reporter's
response and the recommendation with its follow-up."""

from __future__ import annotations

from apik_examination.followup.service.monitoring import MonitoringBatch, start_monitoring
from apik_examination.followup.service.recommendations import (
    RecommendationState,
    issue_recommendation,
    overdue_recommendations,
    recommendation_state,
    record_receipt,
    record_report,
)
from apik_examination.followup.service.responses import list_responses, record_response

__all__ = [
    "MonitoringBatch",
    "RecommendationState",
    "issue_recommendation",
    "list_responses",
    "overdue_recommendations",
    "recommendation_state",
    "record_receipt",
    "record_report",
    "record_response",
    "start_monitoring",
]
