"""Portal sync, pure: which events a portal hears of and as what.

Phase 1 (push): `report.registered` of an office switched on sends the report; each
later event of the report whose type the portal's status map names sends an update
with that status. Sends go out per report, oldest first, the report before any update.

Phase 3 (two-way), the portal's side: its updates of our reports, deduplicated on their
id, judged by FixMyStreet's rule (`judge_update`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

REGISTERED = "report.registered"


class Kind(StrEnum):
    report = "report"
    update = "update"


def send_kind(event_type: str, status_map: Mapping[str, str]) -> Kind | None:
    """What an event becomes for a portal: the report itself, an update, or nothing."""
    if event_type == REGISTERED:
        return Kind.report
    if event_type in status_map:
        return Kind.update
    return None


def report_payload(data: Mapping[str, Any]) -> dict[str, Any]:
    """What the portal is told of a report: references and codes, no personal data (the
    complaint's text and the reporter stay with intake)."""
    keys = ("registration_number", "office", "kind", "channel", "substance", "registered_at")
    return {k: data.get(k) for k in keys}


def update_payload(
    event_type: str, data: Mapping[str, Any], status_map: Mapping[str, str], at: str
) -> dict[str, Any]:
    return {
        "status": status_map[event_type],
        "event_type": event_type,
        "at": at,
        "outcome": data.get("outcome") or data.get("finding") or data.get("reason"),
    }


def next_wait(attempts: int, schedule: list[float]) -> float | None:
    """Seconds before the next try after `attempts` failed ones; None: give up."""
    if attempts > len(schedule):
        return None
    return schedule[attempts - 1]


# --- Phase 3, two-way: the portal's updates of a report, FixMyStreet's way ------------


@dataclass(frozen=True)
class PortalUpdate:
    """One status change the portal reports on one of our reports."""

    tracking_id: str  # the portal's id of the report (our link's external id)
    update_id: str  # the portal's id of the update: deduplicated on
    status: str
    at: datetime
    note: str | None = None


def parse_portal_update(body: Mapping[str, Any]) -> PortalUpdate | None:
    """A portal webhook's body (`{"type": "complaint.updated", "data": {"tracking_id",
    "update_id", "status", "at", "note"?}}`) as an update, or None when it is not one."""
    data = body.get("data")
    if body.get("type") != "complaint.updated" or not isinstance(data, Mapping):
        return None
    fields = [data.get(k) for k in ("tracking_id", "update_id", "status", "at")]
    if not all(isinstance(f, str) and f for f in fields):
        return None
    try:
        at = datetime.fromisoformat(str(data["at"]))
    except ValueError:
        return None
    if at.tzinfo is None:
        return None
    note = data.get("note")
    return PortalUpdate(
        tracking_id=str(data["tracking_id"]),
        update_id=str(data["update_id"]),
        status=str(data["status"]),
        at=at,
        note=note if isinstance(note, str) else None,
    )


class Effect(StrEnum):
    applied = "applied"  # the status moved
    older = "older"  # older than the last change: kept as a note, never rolls back
    unchanged = "unchanged"  # the same status: kept as a note


def judge_update(
    *, status: str, at: datetime, current: str | None, last_change: datetime | None
) -> Effect:
    """FixMyStreet's rule: an update changes the status only if it is not older than the
    report's last change; a late, old one is a note; one that changes nothing too."""
    if last_change is not None and at < last_change:
        return Effect.older
    if status == current:
        return Effect.unchanged
    return Effect.applied
