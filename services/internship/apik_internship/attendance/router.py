"""Attendance: the office screen's rotating code, the intern's check-in and check-out
with it, leave and sick days, and the monthly recap (JSON, CSV or XLSX)."""

from __future__ import annotations

from datetime import date

from fastapi import Request, Response
from fastapi.responses import JSONResponse

from apik_internship.applications import service as applications
from apik_internship.attendance import service, views
from apik_internship.attendance.schemas import (
    AbsenceCreate,
    AbsencePublic,
    AttendanceDayPublic,
    CodeShown,
    CodeTyped,
    Month,
    MyMonth,
    OfficeRecap,
    RecapRow,
)
from apik_internship.deps import (
    AUTH,
    Applicants,
    Cipher,
    CurrentIntern,
    CurrentSettings,
    Now,
    Reader,
    Reviewer,
)
from apik_shared.documents.delimited import CsvDelimiter, Delimiter
from apik_shared.platform.db import DbSession
from apik_shared.platform.idempotency import Idempotency
from apik_shared.platform.problems import InvalidInput, problem_responses
from apik_shared.platform.routing import ServiceRouter, created
from apik_shared.vocabulary.masking import mask_text

router = ServiceRouter(tags=["attendance"])
CHECK = problem_responses(*AUTH, InvalidInput, service.NotAWorkingDay, service.AlreadyRecorded)


def _month(value: str) -> date:
    year, month = value.split("-")
    return date(int(year), int(month), 1)


@router.get("/attendance/code", response_model=CodeShown, responses=problem_responses(*AUTH))
async def show_code(actor: Reviewer, settings: CurrentSettings, now: Now) -> JSONResponse:
    """The code the office screen shows now (as digits and as a QR of `qr_text`); ask
    again at `valid_until`. Never cached."""
    seconds = settings.attendance_code_seconds
    code, until = service.screen_code(
        office=actor.office, secret_key=settings.secret_key, now=now, seconds=seconds
    )
    body = CodeShown(
        office=actor.office,
        code=code,
        qr_text=f"MORI-ATT:{actor.office}:{code}",
        valid_until=until,
        seconds=seconds,
    )
    return JSONResponse(body.model_dump(mode="json"), headers={"Cache-Control": "no-store"})


@router.post("/intern/attendance/check-in", response_model=AttendanceDayPublic, responses=CHECK)
async def check_in(
    data: CodeTyped, session: DbSession, intern: CurrentIntern, settings: CurrentSettings, now: Now
) -> AttendanceDayPublic:
    """Today's check-in with the code on the office screen (scanned or typed)."""
    row = await service.check_in(
        session=session,
        application=intern,
        code=data.code,
        secret_key=settings.secret_key,
        seconds=settings.attendance_code_seconds,
        grace=settings.attendance_code_grace,
        now=now,
    )
    return views.day_view(row)


@router.post("/intern/attendance/check-out", response_model=AttendanceDayPublic, responses=CHECK)
async def check_out(
    data: CodeTyped, session: DbSession, intern: CurrentIntern, settings: CurrentSettings, now: Now
) -> AttendanceDayPublic:
    """Today's check-out, with the code on the screen at that moment."""
    row = await service.check_out(
        session=session,
        application=intern,
        code=data.code,
        secret_key=settings.secret_key,
        seconds=settings.attendance_code_seconds,
        grace=settings.attendance_code_grace,
        now=now,
    )
    return views.day_view(row)


@router.post(
    "/intern/absences",
    response_model=AbsencePublic,
    status_code=201,
    responses=problem_responses(
        *AUTH, InvalidInput, service.NotAWorkingDay, service.AlreadyRecorded
    ),
)
async def record_absence(
    data: AbsenceCreate,
    request: Request,
    session: DbSession,
    intern: CurrentIntern,
    cipher: Cipher,
) -> Response:
    """Leave or sick leave on a working day of the period, with a note (sealed; the
    office's supervisors read it, audited)."""
    idempotency = Idempotency(session, request, caller=f"intern:{intern.id}")
    if (replay := await idempotency.begin()) is not None:
        return replay
    absence = await service.record_absence(
        session=session,
        application=intern,
        day=data.day,
        kind=data.kind,
        note=data.note,
        cipher=cipher,
    )
    return await created(
        idempotency,
        views.absence_view(absence, data.note),
        location=f"{request.url.path}/{absence.id}",
    )


@router.get(
    "/intern/attendance",
    response_model=MyMonth,
    responses=problem_responses(*AUTH, InvalidInput),
)
async def my_attendance(
    month: Month, session: DbSession, intern: CurrentIntern, cipher: Cipher, now: Now
) -> MyMonth:
    """The intern's own month: the recap, each day with its hours, the absences, and
    the office's days off (holidays, cuti bersama, closures)."""
    first = _month(month)
    recap, days, absences, calendar = await service.own_month(
        session=session, application=intern, month=first, now=now
    )
    return MyMonth(
        month=first,
        recap=views.recap_view(recap),
        days=[views.day_view(d) for d in days],
        absences=[views.absence_view(a, service.open_note(a, cipher)) for a in absences],
        days_off=calendar.days_off(*views.bounds(first)),
    )


@router.get(
    "/attendance/recap",
    response_model=OfficeRecap,
    responses={
        **problem_responses(*AUTH, InvalidInput),
        200: {
            "content": {
                "application/json": {},
                views.CSV: {"schema": {"type": "string"}},
                views.XLSX: {"schema": {"type": "string", "format": "binary"}},
            }
        },
    },
)
async def attendance_recap(
    month: Month,
    request: Request,
    session: DbSession,
    actor: Reader,
    access: Applicants,
    now: Now,
    delimiter: CsvDelimiter = Delimiter.comma,
) -> Response:
    """Every intern of the office in the month: working days, present, leave, sick,
    absent, hours. `Accept: text/csv` or the XLSX type gives a file to download."""
    first = _month(month)
    rows = await service.office_recap(session=session, office=actor.office, month=first, now=now)
    shown = await applications.shown(
        session=session,
        access=access,
        applications=[a for a, _ in rows],
        purpose="attendance recap",
    )
    out = [
        RecapRow(
            **views.recap_view(recap).model_dump(),
            application_id=a.id,
            name=shown[a.id].name,
            intern_username=(
                a.intern_username
                if shown[a.id].disclosure == "full"
                else mask_text(a.intern_username)
            ),
            unit=a.unit,
        )
        for a, recap in rows
    ]
    exported = views.export(request, first, out, delimiter)
    if exported is not None:
        return exported
    return JSONResponse(OfficeRecap(month=first, rows=out).model_dump(mode="json"))


@router.get(
    "/attendance/absences",
    response_model=list[AbsencePublic],
    responses=problem_responses(*AUTH, InvalidInput),
)
async def list_absences(
    month: Month, session: DbSession, actor: Reviewer, cipher: Cipher
) -> list[AbsencePublic]:
    """The office's leave and sick days of the month with their notes (audited)."""
    rows = await service.absences_with_notes(
        session=session, office=actor.office, month=_month(month), cipher=cipher, actor=actor
    )
    return [views.absence_view(a, note) for a, note in rows]
