"""Attendance: check-in and out by the office's rotating code, absences with a sealed
note, and the monthly recap against the office's working-day calendar."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_internship.applications.rules import ApplicationStatus
from apik_internship.attendance import rules
from apik_internship.attendance.rules import AbsenceKind, Recap
from apik_internship.models import Absence, ApplicantRead, Application, AttendanceDay
from apik_shared.platform.auth import Principal
from apik_shared.platform.crypto import FieldCipher
from apik_shared.platform.offices import office_calendar
from apik_shared.platform.problems import Conflict, InvalidInput
from apik_shared.vocabulary.calendar import OfficeCalendar


class NotAWorkingDay(Conflict):
    """`code`: `outside_period` (`day` is outside the internship period), `day_off`
    (`day` is a day off at the office, `reason` says which)."""

    slug, title = "not-a-working-day", "The office is not open for interns that day"
    reasons = ("outside_period", "day_off")


class AlreadyRecorded(Conflict):
    """`code` (each with the `day`): `checked_in`, `not_checked_in` (a check-out
    follows the check-in), `checked_out`, `was_present` (no absence on a day at the
    office), `absence_recorded`."""

    slug, title = "already-recorded", "That day is already recorded"
    reasons = ("checked_in", "not_checked_in", "checked_out", "was_present", "absence_recorded")


def note_context(absence_id: uuid.UUID) -> str:
    return f"absence:{absence_id}:note"


def screen_code(
    *, office: str, secret_key: str, now: datetime, seconds: int
) -> tuple[str, datetime]:
    """The code the office screen shows now, and until when."""
    secret = rules.office_secret(secret_key, office)
    window = rules.window_of(now, seconds)
    return rules.code_for(secret, office, window), rules.valid_until(now, seconds)


def _check_code(
    secret_key: str, office: str, code: str, now: datetime, seconds: int, grace: int
) -> None:
    secret = rules.office_secret(secret_key, office)
    if not rules.code_valid(secret, office, code, now, seconds=seconds, grace=grace):
        raise InvalidInput.field(
            "#/body/code",
            "The code is wrong or expired: use the one on the office screen now.",
            code="attendance_code_invalid",
        )


def _open_day(calendar: OfficeCalendar, application: Application, day: date) -> None:
    if not application.period_start <= day <= application.period_end:
        raise NotAWorkingDay(
            f"{day} is outside your internship period.",
            code="outside_period",
            params={"day": day.isoformat()},
        )
    if (reason := calendar.day_off_reason(day)) is not None:
        raise NotAWorkingDay(
            f"{day} is a day off at the office ({reason}).",
            code="day_off",
            params={"day": day.isoformat(), "reason": reason},
        )


async def check_in(
    *,
    session: AsyncSession,
    application: Application,
    code: str,
    secret_key: str,
    seconds: int,
    grace: int,
    now: datetime,
) -> AttendanceDay:
    """Today's check-in, once a day, on a working day of the intern's period."""
    _check_code(secret_key, application.office, code, now, seconds, grace)
    calendar = await office_calendar(session, application.office)
    day = calendar.local_date(now)
    _open_day(calendar, application, day)
    table = AttendanceDay.__table__  # type: ignore[attr-defined]
    inserted = await session.scalar(
        insert(table)
        .values(
            id=uuid.uuid4(),
            application_id=application.id,
            office=application.office,
            day=day,
            checked_in_at=now,
        )
        .on_conflict_do_nothing(index_elements=["application_id", "day"])
        .returning(table.c.id)
    )
    if inserted is None:
        raise AlreadyRecorded(
            f"You checked in on {day} already.", code="checked_in", params={"day": str(day)}
        )
    row = await session.get(AttendanceDay, inserted)
    assert row is not None
    return row


async def check_out(
    *,
    session: AsyncSession,
    application: Application,
    code: str,
    secret_key: str,
    seconds: int,
    grace: int,
    now: datetime,
) -> AttendanceDay:
    """Today's check-out, after today's check-in, once."""
    _check_code(secret_key, application.office, code, now, seconds, grace)
    calendar = await office_calendar(session, application.office)
    day = calendar.local_date(now)
    row = await session.scalar(
        select(AttendanceDay)
        .where(AttendanceDay.application_id == application.id, AttendanceDay.day == day)
        .with_for_update()
    )
    if row is None:
        raise AlreadyRecorded(
            f"You have not checked in on {day}.", code="not_checked_in", params={"day": str(day)}
        )
    if row.checked_out_at is not None:
        raise AlreadyRecorded(
            f"You checked out on {day} already.", code="checked_out", params={"day": str(day)}
        )
    row.checked_out_at = now
    session.add(row)
    await session.flush()
    return row


async def record_absence(
    *,
    session: AsyncSession,
    application: Application,
    day: date,
    kind: AbsenceKind,
    note: str,
    cipher: FieldCipher,
) -> Absence:
    """Leave or sick leave on a working day of the period the intern did not attend."""
    calendar = await office_calendar(session, application.office)
    _open_day(calendar, application, day)
    attended = await session.scalar(
        select(AttendanceDay.id).where(
            AttendanceDay.application_id == application.id, AttendanceDay.day == day
        )
    )
    if attended is not None:
        raise AlreadyRecorded(
            f"You were at the office on {day}.", code="was_present", params={"day": str(day)}
        )
    absence_id = uuid.uuid4()
    absence = Absence(
        id=absence_id,
        application_id=application.id,
        office=application.office,
        day=day,
        kind=kind.value,
        note=cipher.encrypt(note.encode(), context=note_context(absence_id)),
    )
    table = Absence.__table__  # type: ignore[attr-defined]
    inserted = await session.scalar(
        insert(table)
        .values(
            id=absence.id,
            application_id=absence.application_id,
            office=absence.office,
            day=day,
            kind=kind.value,
            note=absence.note,
            recorded_at=absence.recorded_at,
        )
        .on_conflict_do_nothing(index_elements=["application_id", "day"])
        .returning(table.c.id)
    )
    if inserted is None:
        raise AlreadyRecorded(
            f"An absence on {day} is recorded already.",
            code="absence_recorded",
            params={"day": str(day)},
        )
    return absence


async def _rows(
    session: AsyncSession, application_ids: Sequence[uuid.UUID], first: date, last: date
) -> tuple[list[AttendanceDay], list[Absence]]:
    days = await session.execute(
        select(AttendanceDay)
        .where(
            col(AttendanceDay.application_id).in_(application_ids),
            col(AttendanceDay.day) >= first,
            col(AttendanceDay.day) <= last,
        )
        .order_by(col(AttendanceDay.day))
    )
    absences = await session.execute(
        select(Absence)
        .where(
            col(Absence.application_id).in_(application_ids),
            col(Absence.day) >= first,
            col(Absence.day) <= last,
        )
        .order_by(col(Absence.day))
    )
    return list(days.scalars()), list(absences.scalars())


def _recap(
    calendar: OfficeCalendar,
    application: Application,
    month: date,
    days: Sequence[AttendanceDay],
    absences: Sequence[Absence],
    today: date,
) -> Recap:
    return rules.recap(
        calendar,
        month,
        (application.period_start, application.period_end),
        {d.day: rules.Day(d.checked_in_at, d.checked_out_at) for d in days},
        {a.day: AbsenceKind(a.kind) for a in absences},
        today,
    )


async def own_month(
    *, session: AsyncSession, application: Application, month: date, now: datetime
) -> tuple[Recap, list[AttendanceDay], list[Absence], OfficeCalendar]:
    """The intern's own month: the recap, the days and the absences."""
    calendar = await office_calendar(session, application.office)
    first, last = rules.month_bounds(month)
    days, absences = await _rows(session, [application.id], first, last)
    recap = _recap(calendar, application, month, days, absences, calendar.local_date(now))
    return recap, days, absences, calendar


async def office_recap(
    *, session: AsyncSession, office: str, month: date, now: datetime
) -> list[tuple[Application, Recap]]:
    """Every accepted intern of `office` whose period touches the month."""
    calendar = await office_calendar(session, office)
    first, last = rules.month_bounds(month)
    interns = list(
        (
            await session.execute(
                select(Application)
                .where(
                    Application.office == office,
                    Application.status == ApplicationStatus.accepted.value,
                    col(Application.period_start) <= last,
                    col(Application.period_end) >= first,
                )
                .order_by(col(Application.period_start), col(Application.id))
            )
        ).scalars()
    )
    days, absences = await _rows(session, [a.id for a in interns], first, last)
    today = calendar.local_date(now)
    return [
        (
            a,
            _recap(
                calendar,
                a,
                month,
                [d for d in days if d.application_id == a.id],
                [x for x in absences if x.application_id == a.id],
                today,
            ),
        )
        for a in interns
    ]


async def absences_with_notes(
    *, session: AsyncSession, office: str, month: date, cipher: FieldCipher, actor: Principal
) -> list[tuple[Absence, str]]:
    """The office's absences of the month with their notes unsealed, each intern's read
    audited (`applicant_read`)."""
    first, last = rules.month_bounds(month)
    rows = list(
        (
            await session.execute(
                select(Absence)
                .where(
                    Absence.office == office,
                    col(Absence.day) >= first,
                    col(Absence.day) <= last,
                )
                .order_by(col(Absence.day), col(Absence.id))
            )
        ).scalars()
    )
    for application_id in sorted({r.application_id for r in rows}):
        session.add(
            ApplicantRead(
                office=office,
                application_id=application_id,
                actor=actor.subject,
                actor_username=actor.username,
                actor_roles=sorted(actor.roles),
                purpose="read absence notes",
            )
        )
    await session.flush()
    return [(r, cipher.decrypt(r.note, context=note_context(r.id)).decode()) for r in rows]


def open_note(absence: Absence, cipher: FieldCipher) -> str:
    return cipher.decrypt(absence.note, context=note_context(absence.id)).decode()
