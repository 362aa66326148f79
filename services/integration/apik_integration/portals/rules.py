"""Portal sync, pure: which events a portal hears of and as what.

Phase 1 (push): `report.registered` of an office switched on sends the report; each
later event of the report whose type the portal's status map names sends an update
with that status. Sends go out per report, oldest first, the report before any update.
"""

from __future__ import annotations

from collections.abc import Mapping
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
