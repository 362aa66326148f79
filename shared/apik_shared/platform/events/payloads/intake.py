"""Events published by intake (PVL)."""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar

from pydantic import Field

from apik_shared.platform.events.payloads.base import Event


class IntakeEvent(Event):
    producer: ClassVar[str] = "intake"


class ReportRef(IntakeEvent):
    report_id: str
    registration_number: str
    office: str
    kind: str
    channel: str
    substance: str | None = None
    agency_type: str | None = None  # of the reported agency (added later: optional)


class ReportRegistered(ReportRef):
    event_type: ClassVar[str] = "report.registered"
    # When the office received the report: for a letter received earlier or an office's
    # history brought in, the receipt, not the moment of data entry (KPIs count by it).
    registered_at: datetime
    # A complaint pulled from a portal (`complaint.pulled`): the portal and its tracking
    # id, the report's external id (added later: optional).
    portal: str | None = None
    external_id: str | None = None


class ReportVerified(ReportRef):
    """The PVL → examination handoff."""

    event_type: ClassVar[str] = "report.verified"

    track: str  # "regular" or "rapid_response"
    reported_agency: str
    summary: str
    event_date: date | None = None
    reporter_id: str
    confidential: bool
    registered_at: datetime
    verified_at: datetime
    decided_by: str
    # Added with the classification (optional: older events lack them).
    maladministration: list[str] = []
    location_province: str | None = None
    location_regency: str | None = None
    # The examination unit the plenary sent it to (None: the office's own).
    examination_unit: str | None = None
    # Who decided, as the gateway's token names them (`sub`): the one identifier every
    # service shares (`decided_by` is the username). Optional: older events lack it.
    decided_by_subject: str | None = None
    # A letter's own number (nomor surat), as its sender wrote it: how two offices
    # holding the same letter recognise it (integration's peers). Optional: added later.
    letter_number: str | None = None


class ReportRejected(ReportRef):
    event_type: ClassVar[str] = "report.rejected"
    reason: str
    rejected_at: datetime
    decided_by: str
    decided_by_subject: str | None = None  # the gateway's subject (see ReportVerified)


class ReportClosed(ReportRef):
    """A report closed at intake without a decision, e.g. withdrawn when the reporter did
    not complete it within the deadline."""

    event_type: ClassVar[str] = "report.closed"

    reason: str  # "not_completed_within_deadline"
    closed_at: datetime
    closed_by: str


class ConsultationRecorded(ReportRef):
    """A consultation (KNL) answered and closed at intake; it counts toward intake's KPIs."""

    event_type: ClassVar[str] = "consultation.recorded"

    reporter_id: str
    registered_at: datetime
    answered_at: datetime
    answered_by: str
    answered_by_subject: str | None = None  # the gateway's subject (see ReportVerified)


class ReportLinked(ReportRef):
    """A report was linked to another one of the office (a copy, a duplicate, a merge)."""

    event_type: ClassVar[str] = "report.linked"

    linked_report_id: str
    link: str  # "copy", "duplicate" or "merged"
    linked_at: datetime
    linked_by: str


class ReportRouted(ReportRef):
    """A report moved to another office (`office` is the new one), status unchanged."""

    event_type: ClassVar[str] = "report.routed"

    from_office: str
    reason: str
    routed_at: datetime
    routed_by: str


class ReportImported(ReportRef):
    """An office's old record brought in by an import (channel `imported`), with its
    history: when the office received it and, when the old application recorded it, when
    it was closed and with what outcome (the office's old status text mapped by the
    import: one of the closure outcomes `case.closed` names, or None when the old
    application kept none). Reporting counts the imported years' closures from it; no
    case is ever opened for such a report. References only, never the old status text."""

    event_type: ClassVar[str] = "report.imported"

    registered_at: datetime  # the historical receipt
    closed_at: datetime | None = None  # the historical closure (None: open or undated)
    outcome: str | None = None
    import_id: str
    row: int


class SurveyLinkIssued(IntakeEvent):
    """Intake minted the reporter's survey link of a closed case (on `case.closed`).

    The link's secret is shown on the reporter's tracking page alone (behind the number
    and the PIN); examination, which records the answers, is told only its SHA-256. No
    event carries a secret that answers a survey.
    """

    event_type: ClassVar[str] = "report.survey_link_issued"
    report_id: str
    case_id: str
    office: str
    token_sha256: str = Field(pattern=r"^[0-9a-f]{64}$")


EVENT_TYPES: dict[str, type[Event]] = {
    e.event_type: e
    for e in (
        ReportRegistered,
        ReportVerified,
        ReportRejected,
        ReportClosed,
        ReportLinked,
        ReportRouted,
        ConsultationRecorded,
        ReportImported,
        SurveyLinkIssued,
    )
}
