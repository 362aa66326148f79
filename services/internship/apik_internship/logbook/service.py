"""The logbook: the intern writes a day's entry, the supervisor reviews entries in bulk
(all or none), and the reminder job records missing days and entries waiting."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_internship.applications.rules import ApplicationStatus
from apik_internship.logbook import rules
from apik_internship.logbook.rules import STATUSES, Decision, EntryStatus
from apik_internship.models import Absence, Application, LogbookEntry, LogbookReminder
from apik_internship.refusals import InternshipConflict
from apik_shared.platform.auth import Principal
from apik_shared.platform.offices import office_calendar
from apik_shared.platform.problems import (
    Conflict,
    InvalidInput,
    NotFound,
    PreconditionFailed,
    field_error,
)
from apik_shared.vocabulary.field_errors import invalid
from apik_shared.vocabulary.labels import named

MISSING_DAY, AWAITING_APPROVAL = "missing_day", "awaiting_approval"


class EntryFinal(Conflict):
    slug, title = "entry-approved", "An approved entry is final"


async def write_entry(
    *,
    session: AsyncSession,
    application: Application,
    day: date,
    activities: str,
    now: datetime,
    check_version: Callable[[int], None],
) -> LogbookEntry:
    """The intern's entry for `day` (in the period, not in the future), new or
    rewritten (`check_version` sees the version first: `If-Match`); a returned entry
    goes back to the supervisor."""
    calendar = await office_calendar(session, application.office)
    if not application.period_start <= day <= min(application.period_end, calendar.local_date(now)):
        raise InvalidInput.field(
            "#/path/day",
            "A day of your internship period, today or before.",
            code="not_an_internship_day",
        )
    entry = await session.scalar(
        select(LogbookEntry)
        .where(LogbookEntry.application_id == application.id, LogbookEntry.day == day)
        .with_for_update()
    )
    if entry is None:
        table = LogbookEntry.__table__  # type: ignore[attr-defined]
        await session.execute(
            insert(table)
            .values(
                id=uuid.uuid4(),
                application_id=application.id,
                office=application.office,
                day=day,
                activities=activities,
                status=EntryStatus.submitted.value,
                submitted_at=now,
                version=1,
            )
            .on_conflict_do_nothing(index_elements=["application_id", "day"])
        )
        entry = await session.scalar(
            select(LogbookEntry)
            .where(LogbookEntry.application_id == application.id, LogbookEntry.day == day)
            .execution_options(populate_existing=True)
        )
        assert entry is not None
        return entry
    check_version(entry.version)
    if not rules.writable(EntryStatus(entry.status)):
        raise EntryFinal(f"The entry of {day} was approved; it stays as it was approved.")
    entry.activities = activities
    entry.status = EntryStatus.submitted.value
    entry.submitted_at = now
    entry.version += 1
    session.add(entry)
    await session.flush()
    return entry


async def own_entries(
    *, session: AsyncSession, application: Application, first: date, last: date
) -> list[LogbookEntry]:
    rows = await session.execute(
        select(LogbookEntry)
        .where(
            LogbookEntry.application_id == application.id,
            col(LogbookEntry.day) >= first,
            col(LogbookEntry.day) <= last,
        )
        .order_by(col(LogbookEntry.day))
    )
    return list(rows.scalars())


async def office_entries(
    *,
    session: AsyncSession,
    actor: Principal,
    status: EntryStatus | None,
    application_id: uuid.UUID | None,
    limit: int,
) -> list[LogbookEntry]:
    """The office's entries, oldest day first (the queue a supervisor works through)."""
    query = select(LogbookEntry).order_by(col(LogbookEntry.day), col(LogbookEntry.id))
    if (office := actor.office_scope()) is not None:
        query = query.where(LogbookEntry.office == office)
    if status is not None:
        query = query.where(LogbookEntry.status == status.value)
    if application_id is not None:
        query = query.where(LogbookEntry.application_id == application_id)
    return list((await session.execute(query.limit(limit))).scalars())


async def review(
    *,
    session: AsyncSession,
    decisions: Sequence[tuple[uuid.UUID, Decision, str | None, int | None]],
    actor: Principal,
) -> list[LogbookEntry]:
    """Applies every decision, or none: an entry not of the caller's office (404, as if
    it did not exist), one no longer waiting, or one changed since it was read stops the
    whole batch, naming it."""
    ids = [d[0] for d in decisions]
    rows = await session.execute(
        select(LogbookEntry)
        .where(col(LogbookEntry.id).in_(ids))
        .order_by(col(LogbookEntry.id))
        .with_for_update()
    )
    found = {e.id: e for e in rows.scalars()}
    now = datetime.now(UTC)
    out = []
    for index, (entry_id, decision, comment, version) in enumerate(decisions):
        pointer = f"#/body/decisions/{index}"
        entry = found.get(entry_id)
        if entry is None or entry.office != actor.office:
            raise NotFound(
                f"No entry {entry_id} in your office.",
                errors=[field_error(f"{pointer}/entry_id", invalid("not_found", "not found"))],
            )
        if version is not None and version != entry.version:
            raise PreconditionFailed(
                f"The entry of {entry.day} was rewritten since you read it.",
                errors=[
                    field_error(
                        f"{pointer}/version",
                        invalid("version_changed", "now {version}", version=entry.version),
                    )
                ],
            )
        after = rules.reviewed(EntryStatus(entry.status), decision)
        if after is None:
            raise InternshipConflict(
                f"The entry of {entry.day} is {entry.status}, not waiting for review.",
                code="entry_not_submitted",
                params={"day": entry.day.isoformat(), "status": named(STATUSES, entry.status)},
                errors=[
                    field_error(
                        f"{pointer}/entry_id",
                        invalid("entry_not_waiting", "{status}", status=entry.status),
                    )
                ],
            )
        entry.status = after.value
        entry.comment = comment
        entry.reviewed_by = actor.username
        entry.reviewed_at = now
        entry.version += 1
        session.add(entry)
        out.append(entry)
    await session.flush()
    return out


async def record_reminders(
    *, session: AsyncSession, now: datetime, lookback_days: int, approval_days: int
) -> int:
    """Records the reminders due now across offices: missing days of every intern whose
    period has begun, and entries waiting too long. Each is recorded once (a unique
    row; a second replica's insert does nothing). Returns how many were new."""
    interns = list(
        (
            await session.execute(
                select(Application).where(
                    Application.status == ApplicationStatus.accepted.value,
                    col(Application.intern_username).is_not(None),
                )
            )
        ).scalars()
    )
    calendars = {}
    due: list[tuple[Application, str, date]] = []
    for application in interns:
        if application.office not in calendars:
            calendars[application.office] = await office_calendar(session, application.office)
        calendar = calendars[application.office]
        today = calendar.local_date(now)
        if application.period_start >= today:
            continue
        since = today.fromordinal(today.toordinal() - lookback_days)
        written = set(
            (
                await session.execute(
                    select(col(LogbookEntry.day)).where(
                        LogbookEntry.application_id == application.id,
                        col(LogbookEntry.day) >= since,
                    )
                )
            ).scalars()
        )
        excused = set(
            (
                await session.execute(
                    select(col(Absence.day)).where(
                        Absence.application_id == application.id, col(Absence.day) >= since
                    )
                )
            ).scalars()
        )
        period = (application.period_start, application.period_end)
        for day in rules.missing_days(calendar, period, today, lookback_days, written, excused):
            due.append((application, MISSING_DAY, day))
        waiting = await session.execute(
            select(LogbookEntry).where(
                LogbookEntry.application_id == application.id,
                LogbookEntry.status == EntryStatus.submitted.value,
            )
        )
        for entry in waiting.scalars():
            submitted_on = calendar.local_date(entry.submitted_at)
            if rules.waiting_too_long(calendar, submitted_on, today, approval_days):
                due.append((application, AWAITING_APPROVAL, entry.day))
    table = LogbookReminder.__table__  # type: ignore[attr-defined]
    new = 0
    for application, kind, day in due:
        inserted = await session.scalar(
            insert(table)
            .values(
                application_id=application.id,
                office=application.office,
                kind=kind,
                day=day,
                created_at=now,
            )
            .on_conflict_do_nothing(index_elements=["application_id", "kind", "day"])
            .returning(table.c.id)
        )
        new += inserted is not None
    return new


async def reminders(
    *,
    session: AsyncSession,
    office: str,
    application_id: uuid.UUID | None,
    kind: str | None,
    limit: int,
) -> list[LogbookReminder]:
    """The reminders recorded, newest first."""
    query = (
        select(LogbookReminder)
        .where(LogbookReminder.office == office)
        .order_by(col(LogbookReminder.id).desc())
    )
    if application_id is not None:
        query = query.where(LogbookReminder.application_id == application_id)
    if kind is not None:
        query = query.where(LogbookReminder.kind == kind)
    return list((await session.execute(query.limit(limit))).scalars())
