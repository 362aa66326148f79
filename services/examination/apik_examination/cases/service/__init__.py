"""Case use cases: opening from the handoff, and the work on an open case."""

from __future__ import annotations

from apik_examination.cases.service.export import CaseExport, export_cases
from apik_examination.cases.service.opening import Handoff, open_case, open_cases, opening_clock
from apik_examination.cases.service.work import (
    CLOSER_ROLES,
    SUPERVISOR_ROLES,
    WORKER_ROLES,
    CaseFilter,
    CaseState,
    case_state,
    change_status,
    classify,
    get_case,
    get_case_to_work,
    list_cases,
    move,
    standing,
)

# The list's days left come from the clocks; the router asks the case use cases for them.
from apik_examination.sla.service import countdowns

__all__ = [
    "CLOSER_ROLES",
    "SUPERVISOR_ROLES",
    "WORKER_ROLES",
    "CaseExport",
    "CaseFilter",
    "CaseState",
    "Handoff",
    "case_state",
    "change_status",
    "classify",
    "countdowns",
    "export_cases",
    "get_case",
    "get_case_to_work",
    "list_cases",
    "move",
    "open_case",
    "open_cases",
    "opening_clock",
    "standing",
]
