"""SLA use cases: the case's event log and clocks, the policy versions, the breach scan."""

from __future__ import annotations

from apik_examination.sla.service.clocks import (
    clock_of,
    countdowns,
    last_step_at,
    load_policies,
    record_event,
    refresh_clock,
    refresh_clocks,
    sla_condition,
    step_moment,
    transitions_of,
)
from apik_examination.sla.service.policies import add_policy_version, list_policies
from apik_examination.sla.service.scan import ScanBatch, publish_breaches, scan_breaches

__all__ = [
    "ScanBatch",
    "add_policy_version",
    "clock_of",
    "countdowns",
    "last_step_at",
    "list_policies",
    "load_policies",
    "publish_breaches",
    "record_event",
    "refresh_clock",
    "refresh_clocks",
    "scan_breaches",
    "sla_condition",
    "step_moment",
    "transitions_of",
]
