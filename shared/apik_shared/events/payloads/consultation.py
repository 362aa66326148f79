"""Events published by the consultation desk (AMER)."""

from __future__ import annotations

from datetime import datetime

from apik_shared.events.payloads.base import Payload


class VisitCompleted(Payload):
    """A visit was served and rated. No visitor's name or phone: the desk keeps those."""

    visit_id: str
    office: str
    category: str  # as handled: a late objection is a complaint
    requested_category: str
    officer: str
    duration_seconds: int
    rating: int
    checked_in_at: datetime
    ended_at: datetime
    completed_at: datetime


EVENT_TYPES: dict[str, type[Payload]] = {
    "visit.completed": VisitCompleted,
}
