"""Events published by examination."""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar

from apik_shared.platform.events.payloads.base import Event, Payload


class ExaminationEvent(Event):
    producer: ClassVar[str] = "examination"


class CaseOpened(ExaminationEvent):
    event_type: ClassVar[str] = "case.opened"
    case_id: str
    report_id: str
    registration_number: str
    office: str
    track: str
    substance: str | None = None
    # The plenary's decision (the handoff's verified_at), not the event's arrival: an
    # office entering its history opens a 2022 case in 2022. Every step's `*_at` below is
    # likewise when it happened, which may be long before the event was published.
    opened_at: datetime


class CaseAssigned(ExaminationEvent):
    """A case got its examiner (`previous_examiner_id` is set on a reassignment)."""

    event_type: ClassVar[str] = "case.assigned"

    case_id: str
    registration_number: str
    office: str
    examiner_id: str
    previous_examiner_id: str | None = None
    assigned_by: str  # a supervisor's subject, or "system:round-robin"
    automatic: bool = False
    assigned_at: datetime


class CaseSlaBreached(ExaminationEvent):
    """A case's examination clock passed its target (once per case and policy version)."""

    event_type: ClassVar[str] = "case.sla_breached"

    case_id: str
    registration_number: str
    office: str
    track: str
    classification: str | None = None
    policy_id: str
    policy_version: int
    target: int
    unit: str  # "working_days" or "calendar_days"
    due_on: date | None = None  # the last day within the target, in the office's calendar
    breached_at: datetime


class CaseConcluded(ExaminationEvent):
    """The final report (LHP) of a case is issued."""

    event_type: ClassVar[str] = "case.concluded"

    case_id: str
    registration_number: str
    office: str
    finding: str  # maladministration_found, no_maladministration, examination_stopped
    forms: list[str] = []
    corrective_due_on: date | None = None
    reporter_response_until: date
    recommendation: bool = False
    concluded_at: datetime


class CaseMonitoringStarted(ExaminationEvent):
    """Resolution and monitoring (resolusi dan monitoring): the agency's corrective-action
    deadline after the LHP passed with actions still open (once per case)."""

    event_type: ClassVar[str] = "case.monitoring_started"

    case_id: str
    registration_number: str
    office: str
    concluded_at: datetime
    corrective_due_on: date  # the last day the agency had, in the office's calendar
    open_actions: int  # corrective actions not done when monitoring started
    started_at: datetime


class RecommendationIssued(ExaminationEvent):
    """A recommendation (rekomendasi) binding the agency was issued after the LHP; again,
    with `received_on` and `report_due_on`, when the agency's receipt is recorded."""

    event_type: ClassVar[str] = "case.recommendation_issued"

    case_id: str
    registration_number: str
    office: str
    issued_at: datetime
    received_on: date | None = None  # the day the agency received it, once known
    # The last day for the superior's implementation report (UU 37/2008 art. 38(2)).
    report_due_on: date | None = None


class RecommendationReported(ExaminationEvent):
    """A report on a recommendation's implementation was received."""

    event_type: ClassVar[str] = "case.recommendation_reported"

    case_id: str
    registration_number: str
    office: str
    implementation: str  # implemented, partly, not_implemented
    late: bool  # received after report_due_on
    reported_at: datetime


class CaseDurations(Payload):
    calendar_days: int  # from the opening to the closure, in the office's calendar
    working_days: int
    sla_elapsed: int  # the SLA clock's counted days (pauses excluded), in `sla_unit`
    sla_unit: str
    sla_target: int
    sla_state: str  # "met" or "breached"


class PublicLoss(Payload):
    """Public loss (kerugian publik) prevented or recovered by the case."""

    kind: str  # "prevented" or "recovered"
    amount_idr: int
    people_affected: int
    description: str


class CaseClosed(ExaminationEvent):
    event_type: ClassVar[str] = "case.closed"
    case_id: str
    report_id: str
    registration_number: str
    office: str
    track: str
    kind: str
    channel: str
    substance: str | None = None
    classification: str | None = None
    examiner_id: str | None = None
    outcome: str
    route: str
    finding: str | None = None
    forms: list[str] = []
    opened_at: datetime
    concluded_at: datetime | None = None
    closed_at: datetime
    durations: CaseDurations
    public_loss: PublicLoss | None = None
    # No longer filled: it was the survey link's bearer secret, readable by every
    # consumer of the stream. Intake now mints the link on this event and tells
    # examination only its hash (`report.survey_link_issued`). Kept, optional, for
    # events already in the stream.
    survey_token: str | None = None


class CaseSurveyed(ExaminationEvent):
    """The reporter answered the satisfaction survey of a closed case (once per case).

    The answers only: the free-text comment stays in examination (it may name people),
    and nothing says who the reporter is.
    """

    event_type: ClassVar[str] = "case.surveyed"

    case_id: str
    report_id: str
    registration_number: str
    office: str
    # The examiner of the case when it closed (the gateway subject), for the IKM per examiner.
    examiner_id: str | None = None
    # Each of the nine elements (`apik_shared.vocabulary.ikm.Element`) answered 1 to 4.
    answers: dict[str, int]
    answered_at: datetime


EVENT_TYPES: dict[str, type[Event]] = {
    e.event_type: e
    for e in (
        CaseOpened,
        CaseAssigned,
        CaseSlaBreached,
        CaseConcluded,
        CaseMonitoringStarted,
        RecommendationIssued,
        RecommendationReported,
        CaseClosed,
        CaseSurveyed,
    )
}
