"""Event payloads, in one place for producers and consumers alike.

Versioned by additive change only: new optional fields are fine; renaming, removing or
changing the meaning of a field is a new event type. Payloads carry references, not
personal data: a reporter is `reporter_id`, never a name.
"""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict


class Payload(BaseModel):
    # Consumers ignore fields added after they were written.
    model_config = ConfigDict(extra="ignore")


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


class CaseOpened(Payload):
    case_id: str
    report_id: str
    registration_number: str
    office: str
    track: str
    substance: str | None = None
    opened_at: datetime


EVENT_TYPES: dict[str, type[Payload]] = {
    "report.registered": ReportRegistered,
    "report.verified": ReportVerified,
    "report.rejected": ReportRejected,
    "case.opened": CaseOpened,
}
