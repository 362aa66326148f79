"""The logbook: the intern's daily entries; the supervisor's queue and bulk review; the
reminders the job recorded."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Annotated

from fastapi import Query, Request
from fastapi.responses import JSONResponse

from apik_internship.deps import AUTH, CurrentIntern, Now, Reader, Reviewer
from apik_internship.logbook import service
from apik_internship.logbook.rules import EntryStatus
from apik_internship.logbook.schemas import (
    EntryPublic,
    EntryWrite,
    Month,
    ReminderPublic,
    Review,
)
from apik_shared.platform.db import DbSession
from apik_shared.platform.etag import check_if_match, etag_for
from apik_shared.platform.problems import (
    Conflict,
    InvalidInput,
    NotFound,
    PreconditionFailed,
    problem_responses,
)
from apik_shared.platform.routing import ServiceRouter

router = ServiceRouter(tags=["logbook"])
Limit = Annotated[int, Query(ge=1, le=500)]


def _month(value: str) -> tuple[date, date]:
    year, month = value.split("-")
    first = date(int(year), int(month), 1)
    return first, (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)


@router.put(
    "/intern/logbook/{day}",
    response_model=EntryPublic,
    responses=problem_responses(*AUTH, InvalidInput, PreconditionFailed, service.EntryFinal),
)
async def write_entry(
    day: date,
    data: EntryWrite,
    request: Request,
    session: DbSession,
    intern: CurrentIntern,
    now: Now,
) -> JSONResponse:
    """The intern's entry for a day of their period (today or before): written anew, or
    rewritten while it waits or after it was returned (`If-Match` its version)."""
    entry = await service.write_entry(
        session=session,
        application=intern,
        day=day,
        activities=data.activities,
        now=now,
        check_version=lambda version: check_if_match(request, version),
    )
    body = EntryPublic.model_validate(entry, from_attributes=True)
    return JSONResponse(body.model_dump(mode="json"), headers={"ETag": etag_for(entry.version)})


@router.get(
    "/intern/logbook",
    response_model=list[EntryPublic],
    responses=problem_responses(*AUTH, InvalidInput),
)
async def my_logbook(month: Month, session: DbSession, intern: CurrentIntern) -> list[EntryPublic]:
    first, last = _month(month)
    rows = await service.own_entries(session=session, application=intern, first=first, last=last)
    return [EntryPublic.model_validate(e, from_attributes=True) for e in rows]


@router.get(
    "/intern/reminders", response_model=list[ReminderPublic], responses=problem_responses(*AUTH)
)
async def my_reminders(session: DbSession, intern: CurrentIntern) -> list[ReminderPublic]:
    """The days the job found without an entry, newest first."""
    rows = await service.reminders(
        session=session,
        office=intern.office,
        application_id=intern.id,
        kind=service.MISSING_DAY,
        limit=100,
    )
    return [ReminderPublic.model_validate(r, from_attributes=True) for r in rows]


@router.get(
    "/logbook",
    response_model=list[EntryPublic],
    responses=problem_responses(*AUTH, InvalidInput),
)
async def list_entries(
    session: DbSession,
    actor: Reader,
    status: EntryStatus | None = None,
    application_id: uuid.UUID | None = None,
    limit: Limit = 200,
) -> list[EntryPublic]:
    """The office's entries, oldest day first: `status=submitted` is the review queue."""
    rows = await service.office_entries(
        session=session, actor=actor, status=status, application_id=application_id, limit=limit
    )
    return [EntryPublic.model_validate(e, from_attributes=True) for e in rows]


@router.post(
    "/logbook/review",
    response_model=list[EntryPublic],
    responses=problem_responses(*AUTH, NotFound, InvalidInput, PreconditionFailed, Conflict),
)
async def review_entries(data: Review, session: DbSession, actor: Reviewer) -> list[EntryPublic]:
    """Approves or returns (with a comment) many entries at once: all, or none when one
    cannot be (the problem names it)."""
    rows = await service.review(
        session=session,
        decisions=[(d.entry_id, d.decision, d.comment, d.version) for d in data.decisions],
        actor=actor,
    )
    return [EntryPublic.model_validate(e, from_attributes=True) for e in rows]


@router.get(
    "/logbook/reminders",
    response_model=list[ReminderPublic],
    responses=problem_responses(*AUTH, InvalidInput),
)
async def list_reminders(
    session: DbSession,
    actor: Reader,
    kind: Annotated[str | None, Query(pattern="^(missing_day|awaiting_approval)$")] = None,
    application_id: uuid.UUID | None = None,
    limit: Limit = 200,
) -> list[ReminderPublic]:
    """The reminders the job recorded for the office, newest first."""
    rows = await service.reminders(
        session=session, office=actor.office, application_id=application_id, kind=kind, limit=limit
    )
    return [ReminderPublic.model_validate(r, from_attributes=True) for r in rows]
