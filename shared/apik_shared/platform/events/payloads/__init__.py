"""Event payloads, one module per producer, for producers and consumers alike.

Versioned by additive change only: new optional fields are fine; renaming, removing or
changing the meaning of a field is a new event type. Payloads carry references, not
personal data: a reporter is `reporter_id`, never a name.
"""

from __future__ import annotations

from apik_shared.platform.events.payloads import (
    consultation,
    examination,
    intake,
    integration,
    internship,
    prevention,
)
from apik_shared.platform.events.payloads.base import Payload
from apik_shared.platform.events.payloads.consultation import VisitCompleted, VisitEnded
from apik_shared.platform.events.payloads.examination import (
    CaseAssigned,
    CaseClosed,
    CaseConcluded,
    CaseMonitoringStarted,
    CaseOpened,
    CaseSlaBreached,
    CaseSurveyed,
)
from apik_shared.platform.events.payloads.intake import (
    ReportRef,
    ReportRegistered,
    ReportRejected,
    ReportVerified,
)

# Every event type and its payload model, for consumers that read them all (reporting).
EVENT_TYPES: dict[str, type[Payload]] = {
    **intake.EVENT_TYPES,
    **examination.EVENT_TYPES,
    **consultation.EVENT_TYPES,
    **internship.EVENT_TYPES,
    **prevention.EVENT_TYPES,
    **integration.EVENT_TYPES,
}

__all__ = [
    "EVENT_TYPES",
    "CaseAssigned",
    "CaseClosed",
    "CaseConcluded",
    "CaseMonitoringStarted",
    "CaseOpened",
    "CaseSlaBreached",
    "CaseSurveyed",
    "Payload",
    "ReportRef",
    "ReportRegistered",
    "ReportRejected",
    "ReportVerified",
    "VisitCompleted",
    "VisitEnded",
]
