"""Complaints from a portal, pure: what a pulled complaint becomes as a report, and
what a portal's status change may do to one.

A portal's complaint arrives as integration read it (`complaint.pulled`, sealed): the
complainant, the text, the category, the agency. It becomes a public report (LM) on the
`portal` channel; what the portal does not give is said so in the report, never made up.

A portal's status change (`portal.status_changed`) moves the report only through a step
the office's status map names, that a portal may ask for, and that the state machine
allows from the report's status now; anything else is kept as a note on its timeline
(FixMyStreet keeps updates that change nothing).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from apik_intake.reports.rules import TRANSITIONS, Kind, ReportStatus, Step

# The steps a portal's status may ask for: a complainant's withdrawal at the portal.
# Verification, the plenary and the rest are the office's own decisions.
PORTAL_STEPS = frozenset({Step.withdraw})
NOTE = "portal_update"  # the timeline's step name of a note
UNKNOWN_AGENCY = "Belum ditentukan (dari portal {portal})"


def _text(value: Any, limit: int) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    return value.strip()[:limit]


def report_body(
    content: Mapping[str, Any],
    *,
    portal: str,
    external_id: str,
    substances: Mapping[str, str],
    received_at: datetime,
    minimal: bool = False,
) -> dict[str, Any]:
    """The registration body of a pulled complaint. `minimal`: without the complainant's
    contacts (a phone or email the portal holds that our rules refuse), so the report
    still comes in, and the contacts are at the portal."""
    complainant = content.get("complainant")
    person = complainant if isinstance(complainant, Mapping) else {}
    anonymous = bool(content.get("anonymous")) or not _text(person.get("name"), 200)
    name = (
        f"Anonim ({portal.upper()} {external_id})"
        if anonymous
        else str(_text(person.get("name"), 200))
    )
    reporter: dict[str, Any] = {"name": name, "confidential": bool(content.get("confidential"))}
    if not anonymous and not minimal:
        for key in ("email", "phone", "address"):
            if (value := _text(person.get(key), 300)) is not None:
                reporter[key] = value
    title = _text(content.get("title"), 2000)
    description = _text(content.get("description"), 50_000)
    category = _text(content.get("category"), 100)
    return {
        "kind": Kind.LM.value,
        "channel": "portal",
        "reporter": reporter,
        "reported_agency": {
            "name": _text(content.get("agency"), 300) or UNKNOWN_AGENCY.format(portal=portal)
        },
        "substance": substances.get((category or "").lower(), "other"),
        "summary": title or (description or "")[:2000] or f"Pengaduan {external_id}",
        "chronology": description or title or f"Pengaduan {external_id}",
        "received_at": received_at,
    }


def portal_step(name: str | None, *, kind: str, status: str) -> Step | None:
    """The step a portal's status change takes on a report now, or None: a note."""
    if name is None or name not in Step.__members__:
        return None
    step = Step(name)
    if step not in PORTAL_STEPS:
        return None
    transition = TRANSITIONS[step]
    report_kind = Kind(kind)
    if report_kind not in transition.kinds:
        return None
    if ReportStatus(status) not in transition.starts_from(report_kind):
        return None
    return step


# --- The files a pulled complaint names ------------------------------------------------


# The most files of one complaint fetched (a portal's list beyond it stays there).
MAX_FILES = 20


@dataclass(frozen=True)
class FileRef:
    file_id: str  # the portal's id of the file
    filename: str
    url: str  # where the portal serves it


def file_refs(content: Mapping[str, Any], limit: int) -> list[FileRef]:
    """The complaint's `attachments` as the portal lists them ({id, name, url}), the
    first `limit` with an id and a URL, each id once; anything else is ignored (the file
    stays at the portal)."""
    items = content.get("attachments")
    refs: dict[str, FileRef] = {}
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, Mapping):
            continue
        file_id, url = _text(item.get("id"), 200), _text(item.get("url"), 2000)
        if file_id is None or url is None or file_id in refs:
            continue
        name = _text(item.get("name"), 255) or f"lampiran-{file_id}"
        refs[file_id] = FileRef(file_id, name, url)
    return list(refs.values())[:limit]


# The portal's answers that a later try may change (busy, down, a gateway's timeout).
RETRYABLE_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})


def file_retry_at(attempts: int, schedule: list[float], now: datetime) -> datetime | None:
    """When to fetch again after `attempts` failed tries, or None: the schedule is spent."""
    if attempts > len(schedule):
        return None
    return now + timedelta(seconds=schedule[attempts - 1])
