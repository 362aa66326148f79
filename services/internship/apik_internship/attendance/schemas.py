"""Attendance: the office screen's code, check-in and out, absences, the recap."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, Field

from apik_internship.attendance.rules import AbsenceKind
from apik_shared.vocabulary.inputs import FreeText, Input, Line, RecordDate

Month = Annotated[str, Field(pattern=r"^(19|20|21|22)\d\d-(0[1-9]|1[0-2])$", examples=["2027-02"])]


class CodeShown(BaseModel):
    """What the office screen shows: the digits, and the text of its QR code."""

    office: str
    code: str
    qr_text: str  # `MORI-ATT:<office>:<code>`: scanned, it types the same code
    valid_until: datetime  # the next code from then on
    seconds: int


class CodeTyped(Input):
    """The code scanned from the screen's QR, or typed from its digits."""

    code: Annotated[Line, Field(min_length=6, max_length=64)]


class AttendanceDayPublic(BaseModel):
    day: date
    checked_in_at: datetime
    checked_out_at: datetime | None
    hours: float


class AbsenceCreate(Input):
    day: RecordDate
    kind: AbsenceKind
    note: Annotated[FreeText, Field(min_length=3, max_length=2000)]


class AbsencePublic(BaseModel):
    id: uuid.UUID
    application_id: uuid.UUID
    day: date
    kind: AbsenceKind
    note: str
    recorded_at: datetime


class RecapPublic(BaseModel):
    expected_days: int  # working days of the month within the period, up to today
    present_days: int
    open_days: int  # checked in, not out: present without hours
    leave_days: int
    sick_days: int
    absent_days: int
    hours: float


class MyMonth(BaseModel):
    month: date
    recap: RecapPublic
    days: list[AttendanceDayPublic]
    absences: list[AbsencePublic]
    days_off: list[tuple[date, str]]  # the office's days off in the month, with why


class RecapRow(RecapPublic):
    application_id: uuid.UUID
    name: str | None  # masked unless the reader reviews applicants
    intern_username: str | None
    unit: str | None


class OfficeRecap(BaseModel):
    month: date
    rows: list[RecapRow]
