"""The small interface every portal's adapter implements, and what crosses it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol


class PortalUnavailable(Exception):
    """The portal did not take it now (down, timeout, 5xx, 429): try again later."""


class PortalRefused(Exception):
    """The portal refused it (4xx): retrying the same will not help."""


@dataclass(frozen=True)
class OutgoingReport:
    send_id: str  # our id of the send: the portal's idempotency key
    registration_number: str
    office: str
    payload: dict[str, Any]


@dataclass(frozen=True)
class OutgoingUpdate:
    send_id: str  # our id of the update: the portal deduplicates on it
    external_id: str  # the portal's tracking id of the report
    payload: dict[str, Any]


@dataclass(frozen=True)
class AssignedComplaint:
    """A complaint the portal assigned to an office, as its adapter reads it: `content`
    holds the complainant and the text (personal data: sealed before it goes anywhere)."""

    external_id: str  # the portal's tracking id
    office: str
    assigned_at: datetime
    content: dict[str, Any]


class PortalAdapter(Protocol):
    async def push_report(self, report: OutgoingReport) -> str:
        """Sends a report; returns the portal's tracking id (the same one again when the
        send is repeated with the same `send_id`)."""
        ...

    async def push_update(self, update: OutgoingUpdate) -> str:
        """Sends an update of a report the portal knows; returns the portal's id of it."""
        ...

    async def pull_assigned(self, office: str, since: datetime) -> list[AssignedComplaint]:
        """The complaints the portal assigned to the office since then (phase 2)."""
        ...

    async def fetch_complaint(self, external_id: str) -> AssignedComplaint | None:
        """One complaint by its tracking id (a webhook names it), None when unknown."""
        ...

    def map_status(self, event_type: str) -> str | None:
        """The portal's status for one of our events, if the portal hears of it."""
        ...
