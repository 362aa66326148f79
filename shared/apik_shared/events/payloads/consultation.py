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
    officer: str  # the officer's username, as the desk assigns visits
    duration_seconds: int
    rating: int
    checked_in_at: datetime
    ended_at: datetime
    completed_at: datetime
    # The officer's gateway subject (`sub`), the identifier every service shares, when the
    # officer entered the rating themselves; None when a supervisor did (the desk keeps
    # only usernames). Optional: older events lack it.
    officer_subject: str | None = None


EVENT_TYPES: dict[str, type[Payload]] = {
    "visit.completed": VisitCompleted,
}
