"""Bodies of letters, archive lending and outreach."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field, field_validator

from apik_shared.vocabulary.calendar import earliest_date_in_indonesia, latest_date_in_indonesia
from apik_shared.vocabulary.inputs import FreeText, Input, Line, RecordDate, invalid


# A body knows no office, so its dates are checked against the bounds of Indonesia's
# dates (not the server's UTC date, which would refuse an office's today before 07:00 WIB);
# `records` then checks them against the office's own date.
def _not_future(value: date | None) -> date | None:
    if value is not None and value > latest_date_in_indonesia():
        raise invalid("date_in_future", "the date is in the future")
    return value


class LetterCreate(Input):
    direction: Literal["incoming", "outgoing"]
    letter_number: Line | None = Field(default=None, min_length=1, max_length=100)
    letter_date: RecordDate | None = None
    correspondent: Line = Field(min_length=1, max_length=300)
    subject: FreeText = Field(min_length=1, max_length=1000)
    report_id: uuid.UUID | None = None
    handled_on: RecordDate | None = Field(
        default=None, description="received or sent; today if unset"
    )

    @field_validator("letter_date", "handled_on")
    @classmethod
    def _past(cls, value: date | None) -> date | None:
        return _not_future(value)


class LetterPublic(BaseModel):
    id: uuid.UUID
    office: str
    direction: str
    agenda_number: str
    letter_number: str | None
    letter_date: date | None
    correspondent: str
    subject: str
    report_id: uuid.UUID | None
    handled_on: date
    created_by: str
    created_at: datetime


class ArchiveFileCreate(Input):
    code: Line = Field(min_length=1, max_length=64)
    title: Line = Field(min_length=1, max_length=500)
    location: Line | None = Field(default=None, max_length=200)
    report_id: uuid.UUID | None = None


class ArchiveFilePublic(BaseModel):
    id: uuid.UUID
    office: str
    code: str
    title: str
    location: str | None
    report_id: uuid.UUID | None
    created_at: datetime
    on_loan: bool = False


class LoanCreate(Input):
    borrower: Line = Field(min_length=1, max_length=200)
    purpose: FreeText | None = Field(default=None, max_length=500)
    due_on: RecordDate

    @field_validator("due_on")
    @classmethod
    def _ahead(cls, value: date) -> date:
        if value < earliest_date_in_indonesia():
            raise invalid("date_passed", "the due date has passed already")
        return value


class LoanPublic(BaseModel):
    id: uuid.UUID
    file_id: uuid.UUID
    file_code: str
    file_title: str
    borrower: str
    purpose: str | None
    due_on: date
    borrowed_at: datetime
    lent_by: str
    returned_at: datetime | None
    received_by: str | None
    overdue: bool


class OutreachCreate(Input):
    kind: Literal["on_the_spot", "jemput_laporan", "ombudsman_mendengar", "other"]
    title: Line = Field(min_length=1, max_length=300)
    held_on: RecordDate
    place: Line = Field(min_length=1, max_length=300)
    regency: str | None = Field(default=None, pattern=r"^\d{4}$", description="e.g. 1705")


class OutreachPublic(BaseModel):
    id: uuid.UUID
    office: str
    kind: str
    title: str
    held_on: date
    place: str
    regency: str | None
    created_by: str
    created_at: datetime
