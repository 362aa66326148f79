"""After the final report (LHP): the move to resolution and monitoring, the reporter's
response and the recommendation."""

from __future__ import annotations

from apik_examination.followup.service.monitoring import MonitoringBatch, start_monitoring
from apik_examination.followup.service.responses import list_responses, record_response

__all__ = ["MonitoringBatch", "list_responses", "record_response", "start_monitoring"]
