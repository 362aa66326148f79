"""Events into facts: one upsert per event, keyed by the aggregate's id.

Event data is read by field name and defensively (`Fields`): a field a producer has not
published yet, or a value of the wrong shape, becomes None rather than an error, so one
odd event never stops the read model. Upserts converge whatever the order and however
often an event is applied: each event writes only its own columns; descriptive
columns go to the latest stage (`attrs_stage`); a case's closure columns follow its
latest closure.

Each `*_on` column is the date of its `*_at` instant in the office's own zone, from the
office registry (`apik_shared.platform.offices`): the monthly counts' triggers bucket the facts by
those dates, so they are stored, not computed at query time. The zones of a batch's
offices are looked up once per batch (`office_calendars`); an office not in the registry
yet counts in WIB. When the office's `office.registered` / `office.updated` reaches the
read model (the same stream, so after every event before it), the projection keeps it in
the registry itself and restates that office's dates from the stored instants
(`restate`): an office whose registration arrives after its first events, or whose zone
changes, ends up counted in its zone, and the triggers move its monthly counts.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from apik_reporting.breakdowns.rules import LOSS_KINDS
from apik_reporting.models import (
    AGREEMENTS,
    ASSESSMENTS,
    CASES,
    CLINICS,
    FOCAL_POINT_CHANGES,
    INTERNS,
    RED_BUTTONS,
    REPORTS,
    SURVEYS,
    VISITS,
)
from apik_reporting.read_model.service import imported, internship, prevention
from apik_reporting.read_model.service.internship import INTERN_STAGES, RED_BUTTON_EVENTS
from apik_reporting.read_model.service.upserts import Calendars, Fields, on, upsert
from apik_reporting.read_model.service.writes import Writes
from apik_shared.platform.events.envelope import CloudEvent
from apik_shared.platform.events.payloads.gateway import OfficeUpdated
from apik_shared.platform.offices import office_calendars, office_registry, remember
from apik_shared.vocabulary.ikm import ELEMENTS, HIGHEST, LOWEST

log = logging.getLogger("apik.reporting.projection")


Projector = Callable[[Writes, CloudEvent, Fields, Calendars], Awaitable[None]]
# Stages of a report: later stages' descriptive values win (verification classifies).
_REPORT_STAGES = {
    "report.registered": 1,
    "report.rejected": 2,
    "report.closed": 2,
    "consultation.recorded": 2,
    "report.linked": 2,
    "report.verified": 3,
}


def _report_attrs(f: Fields) -> dict[str, Any]:
    return {
        "office": f.text("office") or "",
        "registration_number": f.text("registration_number"),
        "kind": f.text("kind"),
        "channel": f.text("channel"),
        "substance": f.text("substance"),
        "agency_type": f.text("agency_type"),
    }


async def _report(writes: Writes, event: CloudEvent, f: Fields, s: Calendars) -> None:
    report_id = f.text("report_id") or event.subject
    if not report_id:
        log.warning("%s %s names no report; ignored", event.type, event.id)
        return
    office = f.text("office") or ""
    values: dict[str, Any] = {"report_id": report_id}
    # Every report event says when the report was registered, or the event is its own.
    registered = f.instant("registered_at") or (
        event.time if event.type == "report.registered" else None
    )
    if registered:
        values |= {"registered_at": registered, "registered_on": on(s, office, registered)}
    if event.type == "report.verified":
        at = f.instant("verified_at") or event.time
        values |= {"verified_at": at, "verified_on": on(s, office, at)}
        values |= {"verified_by": f.text("decided_by"), "track": f.text("track")}
        values["verified_by_subject"] = f.text("decided_by_subject")
    elif event.type == "report.rejected":
        at = f.instant("rejected_at") or event.time
        values |= {"rejected_at": at, "rejected_on": on(s, office, at)}
        values["rejected_by"] = f.text("decided_by")
        values["rejected_by_subject"] = f.text("decided_by_subject")
    elif event.type == "report.closed":
        at = f.instant("closed_at") or event.time
        values |= {"withdrawn_at": at, "withdrawn_on": on(s, office, at)}
    elif event.type == "consultation.recorded":
        at = f.instant("answered_at") or event.time
        values |= {"answered_at": at, "answered_on": on(s, office, at)}
        values["answered_by"] = f.text("answered_by")
        values["answered_by_subject"] = f.text("answered_by_subject")
    await upsert(
        writes,
        REPORTS,
        values,
        attrs=_report_attrs(f),
        stage=_REPORT_STAGES.get(event.type, 1),
    )


def _case_attrs(f: Fields) -> dict[str, Any]:
    attrs = {
        name: f.text(name)
        for name in (
            "report_id",
            "registration_number",
            "track",
            "kind",
            "channel",
            "substance",
            "classification",
        )
    }
    return {"office": f.text("office") or "", **attrs}


async def _case(writes: Writes, event: CloudEvent, f: Fields, s: Calendars) -> None:
    case_id = f.text("case_id") or event.subject
    if not case_id:
        log.warning("%s %s names no case; ignored", event.type, event.id)
        return
    office = f.text("office") or ""
    opened = f.instant("opened_at") or (event.time if event.type == "case.opened" else None)
    if opened:
        await upsert(
            writes,
            CASES,
            {"case_id": case_id, "opened_at": opened, "opened_on": on(s, office, opened)},
            attrs=_case_attrs(f),
            stage=1,
        )
    if event.type != "case.closed":
        return
    at = f.instant("closed_at") or event.time
    durations = f.nested("durations")
    loss = f.nested("public_loss")
    # Only the kinds reporting counts (a kind examination might add later is counted
    # nowhere until reporting knows it; a rebuild then picks it up from the events).
    loss_kind = loss.text("kind") if loss.text("kind") in LOSS_KINDS else None
    closure = {
        "case_id": case_id,
        "closed_at": at,
        "closed_on": on(s, office, at),
        "outcome": f.text("outcome"),
        "route": f.text("route"),
        "finding": f.text("finding"),
        "working_days": durations.number("working_days"),
        "calendar_days": durations.number("calendar_days"),
        "sla_state": durations.text("sla_state"),
        # None when this closure recorded none: a later closure's loss replaces the
        # earlier one's, like its outcome.
        "public_loss_kind": loss_kind,
        "public_loss_idr": loss.number("amount_idr"),
        "public_loss_people": loss.number("people_affected"),
        # Who closed it belongs to the closure: after a reopening, the last one counts.
        "examiner_id": f.text("examiner_id"),
    }
    await upsert(writes, CASES, closure, attrs=_case_attrs(f), stage=2, latest_by="closed_at")


async def _visit(writes: Writes, event: CloudEvent, f: Fields, s: Calendars) -> None:
    """A desk visit: `visit.ended` when its service ended, `visit.completed` when the
    visitor rated it (either may come first, or alone: many visits are never rated, and
    a visit ended before `visit.ended` existed has only its completion). Both describe
    the visit alike, so either counts it, once; the rating and `completed_at` come from
    `visit.completed` only. A None merges as "unchanged", so neither event undoes the
    other's columns."""
    visit_id = f.text("visit_id") or event.subject
    if not visit_id:
        log.warning("%s %s names no visit; ignored", event.type, event.id)
        return
    office = f.text("office") or ""
    completed = event.type == "visit.completed"
    checked_in = f.instant("checked_in_at")
    if checked_in is None and completed:
        # A completion that lost its check-in still counts, in the year it completed.
        checked_in = f.instant("completed_at") or event.time
    values = {
        "visit_id": visit_id,
        "office": office,
        "category": f.text("category"),
        "officer": f.text("officer"),
        "officer_subject": f.text("officer_subject"),
        "duration_seconds": f.number("duration_seconds"),
        "checked_in_at": checked_in,
        "visited_on": on(s, office, checked_in),
    }
    if completed:
        values["rating"] = f.number("rating")
        values["completed_at"] = f.instant("completed_at") or event.time
    await upsert(writes, VISITS, values)
    if checked_in is None:
        # An end that lost its check-in counts in the year it ended, unless the row has a
        # date already: a guess must not overwrite the real one (or the completion's).
        guess = f.instant("ended_at") or event.time
        await writes.execute(
            sa.update(VISITS)
            .where(VISITS.c.visit_id == visit_id, VISITS.c.checked_in_at.is_(None))
            .values(checked_in_at=guess, visited_on=on(s, office, guess))
        )


async def _survey(writes: Writes, event: CloudEvent, f: Fields, s: Calendars) -> None:
    case_id = f.text("case_id") or event.subject
    if not case_id:
        log.warning("%s %s names no case; ignored", event.type, event.id)
        return
    office = f.text("office") or ""
    answered = f.instant("answered_at") or event.time
    answers = f.nested("answers")
    values: dict[str, Any] = {
        "case_id": case_id,
        "office": office,
        "examiner_id": f.text("examiner_id"),
        "answered_at": answered,
        "answered_on": on(s, office, answered),
    }
    for element in ELEMENTS:
        score = answers.data.get(element.value)
        valid = type(score) is int and LOWEST <= score <= HIGHEST
        values[element.value] = score if valid else None
    await upsert(writes, SURVEYS, values)


PROJECTORS: dict[str, Projector] = {
    **dict.fromkeys(_REPORT_STAGES, _report),
    "case.opened": _case,
    "case.closed": _case,
    "visit.ended": _visit,
    "visit.completed": _visit,
    "case.surveyed": _survey,
    imported.EVENT: imported.imported_closure,
    **dict.fromkeys(INTERN_STAGES, internship.intern),
    **dict.fromkeys(RED_BUTTON_EVENTS, internship.red_button),
    "assessment.published": prevention.assessment,
    "suggestion.followed_up": prevention.suggestion,
    "clinic.completed": prevention.clinic,
    **dict.fromkeys(prevention.FOCAL_POINT_EVENTS, prevention.focal_point),
    **dict.fromkeys(prevention.AGREEMENT_EVENTS, prevention.agreement),
}


OFFICE_EVENTS = frozenset({"office.registered", "office.updated"})
# Every fact's dates: (instant, its date in the office's zone).
DATED: dict[sa.Table, tuple[tuple[str, str], ...]] = {
    REPORTS: (
        ("registered_at", "registered_on"),
        ("verified_at", "verified_on"),
        ("rejected_at", "rejected_on"),
        ("withdrawn_at", "withdrawn_on"),
        ("answered_at", "answered_on"),
    ),
    CASES: (("opened_at", "opened_on"), ("closed_at", "closed_on")),
    VISITS: (("checked_in_at", "visited_on"),),
    SURVEYS: (("answered_at", "answered_on"),),
    INTERNS: (
        ("applied_at", "applied_on"),
        ("accepted_at", "accepted_on"),
        ("completed_at", "completed_on"),
    ),
    RED_BUTTONS: (("raised_at", "raised_on"),),
    ASSESSMENTS: (("published_at", "published_on"),),
    CLINICS: (("completed_at", "completed_on"),),
    FOCAL_POINT_CHANGES: (("changed_at", "changed_on"),),
    AGREEMENTS: (("activated_at", "activated_on"),),
}


def _office_of(event: CloudEvent) -> str:
    return Fields(event.data).text("office") or ""


async def calendars_for(session: AsyncSession, events: Sequence[CloudEvent]) -> Calendars:
    """The calendars of the offices `events` name, in one query (an office not in the
    registry yet: WIB, with a warning)."""
    codes = {_office_of(e) for e in events if e.type in PROJECTORS} - {""}
    return await office_calendars(session, sorted(codes)) if codes else {}


async def remember_offices(session: AsyncSession, events: Sequence[CloudEvent]) -> list[str]:
    """Keeps the offices `events` register or update in the registry (the shared consumer
    does too: whichever comes first, an older version changes nothing); returns their
    codes."""
    codes: list[str] = []
    for event in events:
        if event.type not in OFFICE_EVENTS:
            continue
        try:
            state = OfficeUpdated.model_validate(event.data)
        except ValueError:
            log.warning("%s %s is not an office; ignored", event.type, event.id)
            continue
        await remember(session, state)
        codes.append(state.code)
    return sorted(set(codes))


async def restate(session: AsyncSession, offices: Sequence[str]) -> None:
    """Recomputes every date of the facts of `offices` from their instants, in each
    office's zone as the registry holds it. Only rows whose dates change are written, so
    an update that kept the zone costs a read of the office's facts; the triggers move the
    monthly counts of the rows that changed."""
    if not offices:
        return
    registry = office_registry.c
    for table, pairs in DATED.items():

        def local(at: str, table: sa.Table = table) -> sa.ColumnElement[Any]:
            return sa.cast(sa.func.timezone(registry.timezone, table.c[at]), sa.Date)

        await session.execute(
            sa.update(table)
            .where(
                table.c.office == registry.code,
                registry.code.in_(offices),
                sa.or_(*(table.c[on].is_distinct_from(local(at)) for at, on in pairs)),
            )
            .values({on: local(at) for at, on in pairs})
        )


async def project(session: AsyncSession, event: CloudEvent) -> None:
    """Applies one event to the facts now; event types no indicator reads change nothing."""
    await project_all(session, [event])


async def project_all(session: AsyncSession, events: Sequence[CloudEvent]) -> None:
    """Applies events in order, their writes of one shape together (see `writes.py`):
    the batch's offices first (so its later events count in their zones), the zones
    looked up once, and the dates of the offices registered or updated restated last."""
    offices = await remember_offices(session, events)
    calendars = await calendars_for(session, events)
    writes = Writes()
    for event in events:
        await project_into(writes, event, calendars)
    await writes.run(session)
    await restate(session, offices)


async def project_into(writes: Writes, event: CloudEvent, calendars: Calendars) -> None:
    """Adds the writes one event makes to `writes`, which runs them with others'
    (`calendars`: the zones of the offices, from `calendars_for`)."""
    projector = PROJECTORS.get(event.type)
    if projector is not None:
        await projector(writes, event, Fields(event.data), calendars)
