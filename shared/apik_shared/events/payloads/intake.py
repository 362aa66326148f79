"""Events published by intake (PVL)."""

from __future__ import annotations

from datetime import date, datetime

from apik_shared.events.payloads.base import Payload


class ReportRef(Payload):
    report_id: str
    registration_number: str
    office: str
    kind: str
    channel: str
    substance: str | None = None


class ReportRegistered(ReportRef):
    registered_at: datetime


class ReportVerified(ReportRef):
    """The PVL → examination handoff."""

    track: str  # "regular" or "rapid_response"
    reported_agency: str
    summary: str
    event_date: date | None = None
    reporter_id: str
    confidential: bool
    registered_at: datetime
    verified_at: datetime
    decided_by: str


class ReportRejected(ReportRef):
    reason: str
    rejected_at: datetime
    decided_by: str


EVENT_TYPES: dict[str, type[Payload]] = {
    "report.registered": ReportRegistered,
    "report.verified": ReportVerified,
    "report.rejected": ReportRejected,
}
