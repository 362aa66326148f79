"""The prevention service's events into facts: assessments published (`assessment_fact`),
suggestions followed up (`suggestion_fact`), clinics completed (`clinic_fact`), focal
points' activations and deactivations (`focal_point_change_fact`) and agreements in
force (`agreement_fact`).

Read by field name like every other event (`upserts.Fields`) and converging whatever the
order and however often applied: each event writes its own columns (a None leaves a
column as it was), and a focal point's change is a row of its own keyed by its instant,
inserted once. The events carry no personal data, and neither do these rows.
"""

from __future__ import annotations

import functools
import logging
from datetime import date
from typing import Any

import sqlalchemy as sa

from apik_reporting.models import AGREEMENTS, ASSESSMENTS, CLINICS, FOCAL_POINT_CHANGES, SUGGESTIONS
from apik_reporting.read_model.service.upserts import Calendars, Fields, on, upsert
from apik_reporting.read_model.service.writes import Writes
from apik_shared.platform.bulk import insert_from_json
from apik_shared.platform.events.envelope import CloudEvent

log = logging.getLogger("apik.reporting.projection")

AGREEMENT_EVENTS = ("agreement.activated", "agreement.expiring", "agreement.ended")
FOCAL_POINT_EVENTS = ("focal_point.activated", "focal_point.deactivated")


def _day(f: Fields, name: str) -> date | None:
    text = f.text(name)
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _decimal(f: Fields, name: str) -> float | None:
    value = f.data.get(name)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _flag(f: Fields, name: str) -> bool | None:
    value = f.data.get(name)
    return value if isinstance(value, bool) else None


def _key(event: CloudEvent, f: Fields, name: str) -> str | None:
    key = f.text(name) or event.subject
    if not key:
        log.warning("%s %s names no %s; ignored", event.type, event.id, name)
    return key


async def assessment(writes: Writes, event: CloudEvent, f: Fields, s: Calendars) -> None:
    if not (key := _key(event, f, "assessment_id")):
        return
    office = f.text("office") or ""
    at = f.instant("published_at") or event.time
    values: dict[str, Any] = {
        "assessment_id": key,
        "office": office,
        "year": f.number("year"),
        "unit_type": f.text("unit_type"),
        "region": f.text("region"),
        "regency": f.text("regency"),
        "scheme_code": f.text("scheme_code"),
        "total": _decimal(f, "total"),
        "label": f.text("label"),
        "zone": f.text("zone"),
        "grade": (f.text("grade") or "")[:1] or None,
        "opinion": _flag(f, "opinion"),
        "published_at": at,
        "published_on": on(s, office, at),
    }
    await upsert(writes, ASSESSMENTS, values)


async def suggestion(writes: Writes, event: CloudEvent, f: Fields, s: Calendars) -> None:
    if not (key := _key(event, f, "suggestion_id")):
        return
    values = {
        "suggestion_id": key,
        "office": f.text("office") or "",
        "study_id": f.text("study_id"),
        "due_on": _day(f, "due_on"),
        "followed_up_on": _day(f, "followed_up_on"),
        "late": _flag(f, "late"),
    }
    await upsert(writes, SUGGESTIONS, values)


async def clinic(writes: Writes, event: CloudEvent, f: Fields, s: Calendars) -> None:
    if not (key := _key(event, f, "clinic_id")):
        return
    office = f.text("office") or ""
    at = f.instant("completed_at") or event.time
    values = {
        "clinic_id": key,
        "office": office,
        "held_on": _day(f, "held_on"),
        "participants": f.number("participants"),
        "attended": f.number("attended"),
        "tested": f.number("tested"),
        "class_gain": _decimal(f, "class_gain"),
        "mean_gain": _decimal(f, "mean_gain"),
        "completed_at": at,
        "completed_on": on(s, office, at),
    }
    await upsert(writes, CLINICS, values)


@functools.lru_cache(maxsize=2)
def _change_statement(columns: tuple[str, ...]) -> sa.Insert:
    """A focal point's change is inserted once: a replay of it changes nothing."""
    keys = [c.name for c in FOCAL_POINT_CHANGES.primary_key]
    return insert_from_json(FOCAL_POINT_CHANGES, columns).on_conflict_do_nothing(
        index_elements=keys
    )


async def focal_point(writes: Writes, event: CloudEvent, f: Fields, s: Calendars) -> None:
    if not (key := _key(event, f, "focal_point_id")):
        return
    office = f.text("office") or ""
    activated = event.type == "focal_point.activated"
    at = f.instant("activated_at" if activated else "deactivated_at") or event.time
    values = {
        "focal_point_id": key,
        "changed_at": at,
        "change": "activated" if activated else "deactivated",
        "office": office,
        "regency": f.text("regency"),
        "reactivated": bool(_flag(f, "reactivated")),
        "changed_on": on(s, office, at),
    }
    await writes.execute(_change_statement(tuple(values)), values)


async def agreement(writes: Writes, event: CloudEvent, f: Fields, s: Calendars) -> None:
    if not (key := _key(event, f, "agreement_id")):
        return
    office = f.text("office") or ""
    values: dict[str, Any] = {
        "agreement_id": key,
        "office": office,
        "kind": f.text("kind"),
        "ends_on": _day(f, "ends_on"),
    }
    if event.type == "agreement.activated":
        at = f.instant("activated_at") or event.time
        values |= {
            "renewal": f.number("renewal"),
            "starts_on": _day(f, "starts_on"),
            "activated_at": at,
            "activated_on": on(s, office, at),
        }
    elif event.type == "agreement.ended":
        ended = f.instant("ended_at") or event.time
        values |= {
            "ended_on": _day(f, "ended_on") or on(s, office, ended),
            "end_status": f.text("status"),
        }
    else:  # agreement.expiring: the end date, nothing else the KPIs read
        values["renewal"] = f.number("renewal")
    await upsert(writes, AGREEMENTS, values)
