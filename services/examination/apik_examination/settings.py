"""Settings of the examination service (`APIK_*` environment variables).

No office data here: each office's zone and calendar come from the service's copy of
the gateway's office registry (`apik_shared.platform.offices`), so an office opened at run time
counts in its own zone without a restart.
"""

from __future__ import annotations

from pydantic import Field

from apik_shared.platform.settings import ServiceSettings


class Settings(ServiceSettings):
    service_name: str = "examination"
    # How often each replica looks for breached clocks; one replica scans at a time.
    sla_scan_seconds: float = Field(default=300.0, gt=0)
    # A case entered with its past (an office's history) that was already over its
    # deadline when a past step was recorded: how long it must be left alone before the
    # scan reports that breach, so the office can enter the closure that shows the case
    # ended in time. Not a domain number: the time an office's data entry takes.
    sla_history_settle_hours: float = Field(default=24.0, ge=0)
    # After the final report (unconfirmed defaults from the domain notes; configurable):
    # the agency's time for corrective action, and the reporter's time to respond.
    corrective_action_working_days: int = Field(default=30, ge=1)
    reporter_response_days: int = Field(default=14, ge=1)
    # The agency's superior reports on a recommendation's implementation within this
    # many calendar days of receiving it: 60 by UU 37/2008 art. 38(2).
    recommendation_report_days: int = Field(default=60, ge=1)
    # How often each replica looks for cases whose corrective-action deadline passed
    # with actions open (the move to resolution and monitoring); dates move once a day.
    monitoring_scan_seconds: float = Field(default=3600.0, gt=0)
    # How long the reporter's survey link stays open after the closure.
    survey_days: int = Field(default=90, ge=1)
