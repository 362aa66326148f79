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
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from apik_shared.vocabulary.calendar import OfficeCalendar
from apik_shared.vocabulary.labels import Label

REGISTERED = "report.registered"

# The words of a send's statuses, said by the problems that name them.
SEND_STATUSES: Mapping[str, Label] = {
    "pending": Label("Menunggu dikirim", "Pending"),
    "sent": Label("Terkirim", "Sent"),
    "failed": Label("Gagal", "Failed"),
}


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


def pulled_from(data: Mapping[str, Any], portal: str) -> bool:
    """Whether a `report.registered` is of a complaint this portal assigned to us."""
    return data.get("portal") == portal and isinstance(data.get("external_id"), str)


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


def status_step(*, effect: Effect, status: str, inbound_map: Mapping[str, str]) -> str | None:
    """What intake is asked to do for a portal's update: the mapped step of a status
    the update moved to; a note (None) for an older or unchanged one, or an unmapped
    status."""
    if effect is not Effect.applied:
        return None
    return inbound_map.get(status)


# --- Phase 2, pull: the complaints a portal assigns to an office ----------------------


class Via(StrEnum):
    webhook = "webhook"
    poll = "poll"
    catch_up = "catch_up"


ASSIGNED = "complaint.assigned"


def parse_assigned(body: Mapping[str, Any]) -> str | None:
    """The tracking id a `complaint.assigned` webhook names (`{"type":
    "complaint.assigned", "data": {"tracking_id"}}`), or None when it is not one."""
    data = body.get("data")
    if body.get("type") != ASSIGNED or not isinstance(data, Mapping):
        return None
    tracking = data.get("tracking_id")
    return tracking if isinstance(tracking, str) and tracking else None


def transfer_context(portal: str, external_id: str) -> str:
    """What a sealed complaint is bound to: opened as another, it does not decrypt."""
    return f"portal-complaint:{portal}:{external_id}"


def poll_due(*, now: datetime, polled_at: datetime | None, every: float) -> bool:
    return polled_at is None or (now - polled_at).total_seconds() >= every


def catch_up_due(*, local_now: datetime, caught_up_on: date | None, hour: int) -> bool:
    """Once per office day, from `hour` (local): the nightly catch-up."""
    return local_now.hour >= hour and caught_up_on != local_now.date()


def pull_since(
    *,
    now: datetime,
    polled_at: datetime | None,
    window: timedelta,
    catch_up: timedelta | None,
) -> datetime:
    """Where a pull looks back to: the window before the last good poll (an outage
    leaves no gap, and a complaint the portal dated a little late is still seen), never
    less than the window before now; the catch-up's whole span when it is due."""
    since = now - window
    if polled_at is not None:
        since = min(since, polled_at - window)
    if catch_up is not None:
        since = min(since, now - catch_up)
    return since


# --- The portal's deadlines on a pushed report -----------------------------------------


class Clock(StrEnum):
    waiting = "waiting"  # its start has not happened yet
    running = "running"  # started, due date not passed, not met
    overdue = "overdue"  # due date passed, not met
    met = "met"  # met on or before the due date
    late = "late"  # met after the due date


@dataclass(frozen=True)
class Deadline:
    due_on: date | None
    done_on: date | None
    clock: Clock


def deadline(
    *, start: date | None, done: date | None, days: int, calendar: OfficeCalendar, today: date
) -> Deadline:
    """A deadline of `days` working days from `start` in the office's calendar."""
    if start is None:
        return Deadline(due_on=None, done_on=done, clock=Clock.waiting)
    due = calendar.add_working_days(start, days)
    if done is not None:
        return Deadline(due_on=due, done_on=done, clock=Clock.met if done <= due else Clock.late)
    return Deadline(due_on=due, done_on=None, clock=Clock.overdue if today > due else Clock.running)


def portal_deadlines(
    *,
    pushed_on: date | None,
    verified_on: date | None,
    followed_up_on: date | None,
    days: tuple[int, int, int],
    calendar: OfficeCalendar,
    today: date,
) -> tuple[Deadline, Deadline, Deadline]:
    """LAPOR!'s three clocks on a report we sent (the research page): the portal
    verifies within `days[0]` working days of receiving it (its first update is the
    verification); the agency, the office, follows up within `days[1]` of that (its first
    update sent after it); the complaint closes `days[2]` working days after the follow-up
    without the complainant's reply (`done` is never known here: the closure's date)."""
    verification = deadline(
        start=pushed_on, done=verified_on, days=days[0], calendar=calendar, today=today
    )
    follow_up = deadline(
        start=verified_on, done=followed_up_on, days=days[1], calendar=calendar, today=today
    )
    closure = deadline(
        start=followed_up_on, done=None, days=days[2], calendar=calendar, today=today
    )
    return verification, follow_up, closure
