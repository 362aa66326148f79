"""The internship service's events into facts: an application's stages (`intern_fact`) and
a Red Button case's timing (`red_button_fact`).

Read by field name like every other event (`upserts.Fields`), and converging whatever the
order: each event writes its own instant; the unit of the latest stage wins (the accepted
unit over a placement's, over the first unit applied for); a Red Button case keeps its
first acknowledgement and the highest escalation level reached. The events carry no
personal data and no content, and neither do these rows.
"""

from __future__ import annotations

import functools
import logging
from datetime import date
from typing import Any

import sqlalchemy as sa

from apik_reporting.models import INTERNS, RED_BUTTONS
from apik_reporting.read_model.service.upserts import Calendars, Fields, on, upsert
from apik_reporting.read_model.service.writes import Writes
from apik_shared.platform.bulk import insert_from_json
from apik_shared.platform.events.envelope import CloudEvent

log = logging.getLogger("apik.reporting.projection")

# Stages of an application: the later stage's unit and institution kind win.
INTERN_STAGES = {
    "intern.applied": 1,
    "intern.placed": 2,
    "intern.accepted": 3,
    "intern.completed": 4,
}
# The instant each stage records: (the event's field, the fact's columns).
_INSTANTS = {
    "intern.applied": ("submitted_at", "applied"),
    "intern.accepted": ("accepted_at", "accepted"),
    "intern.completed": ("completed_at", "completed"),
}
RED_BUTTON_EVENTS = ("red_button.raised", "red_button.acknowledged", "red_button.escalated")


def _day(f: Fields, name: str) -> date | None:
    text = f.text(name)
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


async def intern(writes: Writes, event: CloudEvent, f: Fields, s: Calendars) -> None:
    application_id = f.text("application_id") or event.subject
    if not application_id:
        log.warning("%s %s names no application; ignored", event.type, event.id)
        return
    office = f.text("office") or ""
    values: dict[str, Any] = {"application_id": application_id}
    if event.type in _INSTANTS:
        field, column = _INSTANTS[event.type]
        at = f.instant(field) or event.time
        values |= {f"{column}_at": at, f"{column}_on": on(s, office, at)}
    units = event.data.get("units")
    first_unit = units[0] if isinstance(units, list) and units else None
    unit = f.text("unit") or (first_unit if isinstance(first_unit, str) else None)
    attrs = {
        "office": office,
        "institution_kind": f.text("institution_kind"),
        "unit": unit,
        "period_end": _day(f, "period_end") or _day(f, "ends_on"),
    }
    await upsert(writes, INTERNS, values, attrs=attrs, stage=INTERN_STAGES[event.type])


@functools.lru_cache(maxsize=8)
def _red_button_statement(columns: tuple[str, ...]) -> sa.Insert:
    """Converging upsert of a Red Button case: instants keep the earliest seen (the first
    acknowledgement is the response), escalations the highest level."""
    stmt = insert_from_json(RED_BUTTONS, columns)
    new, old = stmt.excluded, RED_BUTTONS.c
    changes: dict[str, Any] = {}
    for name in columns:
        if name == "case_id":
            continue
        if name == "escalations":
            changes[name] = sa.func.greatest(old[name], new[name])
        elif name == "acknowledged_at":
            changes[name] = sa.func.least(old[name], new[name])  # NULLs ignored
        else:
            changes[name] = sa.func.coalesce(new[name], old[name])
    return stmt.on_conflict_do_update(index_elements=["case_id"], set_=changes)


async def red_button(writes: Writes, event: CloudEvent, f: Fields, s: Calendars) -> None:
    case_id = event.subject or f.text("case_id")
    if not case_id:
        log.warning("%s %s names no case; ignored", event.type, event.id)
        return
    office = f.text("office") or ""
    raised = f.instant("raised_at") or (event.time if event.type == RED_BUTTON_EVENTS[0] else None)
    values: dict[str, Any] = {
        "case_id": case_id,
        "office": office,
        "severity": f.text("severity"),
        "raised_at": raised,
        "raised_on": on(s, office, raised),
        "acknowledged_at": None,
        "escalations": 0,
    }
    if event.type == "red_button.acknowledged":
        values["acknowledged_at"] = f.instant("acknowledged_at") or event.time
    elif event.type == "red_button.escalated":
        values["escalations"] = max(0, min(f.number("level") or 1, 100))
    await writes.execute(_red_button_statement(tuple(values)), values)
