"""Events published by the consultation desk (AMER).

A visit's service ends (`visit.ended`), then the visitor may rate it (`visit.completed`,
which carries the rating): many walk-in visitors leave without rating, and the served
visit counts all the same. No visitor's name or phone in either: the desk keeps those.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from apik_shared.platform.events.payloads.base import Event


class ConsultationEvent(Event):
    producer: ClassVar[str] = "consultation"


class VisitEnded(ConsultationEvent):
    """The officer ended a visit's service: the visit was served, rated or not (the
    rating, if the visitor gives one, comes in `visit.completed`)."""

    event_type: ClassVar[str] = "visit.ended"

    visit_id: str
    office: str
    category: str  # as handled: a late objection is a complaint
    requested_category: str
    officer: str  # the officer's username, as the desk assigns visits
    duration_seconds: int
    checked_in_at: datetime
    ended_at: datetime
    # The officer's gateway subject (`sub`) when the officer ended the visit themselves;
    # None when a supervisor did (the desk keeps only usernames).
    officer_subject: str | None = None


class VisitCompleted(VisitEnded):
    """A visit was served and rated: what `visit.ended` said, with the rating. No
    visitor's name or phone: the desk keeps those. Here `officer_subject` is set when the
    officer entered the rating themselves (optional: older events lack it)."""

    event_type: ClassVar[str] = "visit.completed"

    rating: int
    completed_at: datetime


EVENT_TYPES: dict[str, type[Event]] = {
    e.event_type: e
    for e in (
        VisitEnded,
        VisitCompleted,
    )
}
