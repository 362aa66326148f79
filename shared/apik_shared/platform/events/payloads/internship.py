"""Events published by the internship service (MORI).

References, never personal data: an application is its id, its unit, its period and the
kind of institution, never the applicant's name or the institution's letter. The Red
Button's events carry no content at all: the office, the time and the severity, enough
to alert the protection officers on duty and to time their response, and nothing a
reader of the stream could learn the report or its reporter from (not even the mode,
which would tell an anonymous report apart). The case is the envelope's subject.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar

from apik_shared.platform.events.payloads.base import Event


class InternshipEvent(Event):
    producer: ClassVar[str] = "internship"


class InternApplied(InternshipEvent):
    """An application came in through the public form."""

    event_type: ClassVar[str] = "intern.applied"

    application_id: str
    office: str
    institution_kind: str  # university, school, public, foreign
    units: list[str]
    period_start: date
    period_end: date
    submitted_at: datetime


class InternAccepted(InternshipEvent):
    """An application was accepted into a unit for its period."""

    event_type: ClassVar[str] = "intern.accepted"

    application_id: str
    office: str
    institution_kind: str
    unit: str
    period_start: date
    period_end: date
    accepted_at: datetime
    accepted_by: str  # the reviewer's username


class InternCompleted(InternshipEvent):
    """An internship met the rules of completion and its certificate was issued."""

    event_type: ClassVar[str] = "intern.completed"

    application_id: str
    certificate_id: str
    office: str
    institution_kind: str
    unit: str | None
    period_start: date
    period_end: date
    completed_at: datetime
    completed_by: str  # the reviewer's username


class RedButtonRaised(InternshipEvent):
    """An intern pressed the Red Button: the on-duty protection officers must be alerted."""

    event_type: ClassVar[str] = "red_button.raised"

    office: str
    raised_at: datetime
    severity: str  # danger, urgent, concern


class RedButtonAcknowledged(InternshipEvent):
    """A protection officer acknowledged a raised case (the alert stops escalating)."""

    event_type: ClassVar[str] = "red_button.acknowledged"

    office: str
    raised_at: datetime
    acknowledged_at: datetime
    severity: str


class RedButtonEscalated(InternshipEvent):
    """Nobody acknowledged a raised case in time: the alert goes further, to the office's
    other protection officers (level 1) and then its head (level 2). No content either."""

    event_type: ClassVar[str] = "red_button.escalated"

    office: str
    raised_at: datetime
    severity: str
    level: int
    to_role: str  # the role the alert now reaches: protection_officer, head
    escalated_at: datetime


class InternPlaced(InternshipEvent):
    """An intern's placement in one phase of a cohort's rotation was set or changed, by
    the allocation helper or the coordinator. The application is the envelope's subject."""

    event_type: ClassVar[str] = "intern.placed"

    application_id: str
    office: str
    cohort_id: str
    phase: int
    unit: str | None  # None: no free place in that phase
    starts_on: date
    ends_on: date
    source: str  # allocation, coordinator
    placed_at: datetime
    placed_by: str  # the coordinator's username


class AlumnusJoinedCommunity(InternshipEvent):
    """An alumnus asked, by their magic link, to join the office's Sahabat Ombudsman
    community (the prevention service's). No name, no contact: the alumnus's opaque id and
    the SHA-256 (hex) of the one-time join code they were given, with which they complete
    their member record at the prevention service themselves."""

    event_type: ClassVar[str] = "alumnus.joined_community"

    alumnus_id: str
    office: str
    join_code_sha256: str
    joined_at: datetime


EVENT_TYPES: dict[str, type[Event]] = {
    e.event_type: e
    for e in (
        InternApplied,
        InternAccepted,
        InternCompleted,
        RedButtonRaised,
        RedButtonAcknowledged,
        RedButtonEscalated,
        InternPlaced,
        AlumnusJoinedCommunity,
    )
}
