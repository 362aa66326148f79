"""After the final report (LHP): the move to resolution and monitoring, the reporter's
response and the recommendation."""

from __future__ import annotations

from apik_examination.followup.service.monitoring import MonitoringBatch, start_monitoring

__all__ = ["MonitoringBatch", "start_monitoring"]
