"""The monthly recap as JSON, or as CSV or XLSX when the `Accept` header asks."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from fastapi import Request, Response

from apik_internship.attendance.rules import Day, Recap, hours_of, month_bounds
from apik_internship.attendance.schemas import (
    AbsencePublic,
    AttendanceDayPublic,
    RecapPublic,
    RecapRow,
)
from apik_internship.models import Absence, AttendanceDay
from apik_shared.documents import delimited, spreadsheet
from apik_shared.documents.delimited import Delimiter

CSV, XLSX = delimited.MEDIA_TYPE, spreadsheet.MEDIA_TYPE
HEADERS = (
    "Nama",
    "Akun",
    "Unit",
    "Hari kerja",
    "Hadir",
    "Belum check-out",
    "Izin",
    "Sakit",
    "Tanpa keterangan",
    "Jam",
)


def day_view(row: AttendanceDay) -> AttendanceDayPublic:
    return AttendanceDayPublic(
        day=row.day,
        checked_in_at=row.checked_in_at,
        checked_out_at=row.checked_out_at,
        hours=round(hours_of(Day(row.checked_in_at, row.checked_out_at)), 2),
    )


def absence_view(row: Absence, note: str) -> AbsencePublic:
    return AbsencePublic(
        id=row.id,
        application_id=row.application_id,
        day=row.day,
        kind=row.kind,
        note=note,
        recorded_at=row.recorded_at,
    )


def bounds(month: date) -> tuple[date, date]:
    return month_bounds(month)


def recap_view(recap: Recap) -> RecapPublic:
    return RecapPublic(**recap.__dict__)


def wanted_format(request: Request) -> str | None:
    accept = request.headers.get("accept", "").lower()
    types = {part.split(";")[0].strip() for part in accept.split(",")}
    return XLSX if XLSX in types else CSV if CSV in types else None


def export(
    request: Request, month: date, rows: Sequence[RecapRow], delimiter: Delimiter
) -> Response | None:
    """The recap as a file (`rekap-kehadiran-2027-02.csv`/`.xlsx`), or None for JSON."""
    media_type = wanted_format(request)
    if media_type is None:
        return None
    cells = [
        [
            r.name,
            r.intern_username,
            r.unit,
            r.expected_days,
            r.present_days,
            r.open_days,
            r.leave_days,
            r.sick_days,
            r.absent_days,
            r.hours,
        ]
        for r in rows
    ]
    name = f"rekap-kehadiran-{month:%Y-%m}"
    if media_type == CSV:
        content = delimited.csv_bytes(HEADERS, cells, delimiter=delimiter)
        filename, media_type = f"{name}.csv", f"{CSV}; charset=utf-8"
    else:
        content = spreadsheet.workbook(
            sheet=f"Kehadiran {month:%Y-%m}", headers=HEADERS, rows=cells
        )
        filename = f"{name}.xlsx"
    return Response(
        content,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
