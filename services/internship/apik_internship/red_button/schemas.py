"""What an intern sends with the Red Button, and what a protection officer reads."""

from __future__ import annotations

import uuid
from datetime import datetime, time
from typing import Annotated, Self

from pydantic import BaseModel, Field, model_validator

from apik_internship.red_button.rules import (
    ActionKind,
    Author,
    CaseStatus,
    Mode,
    Protection,
    Severity,
)
from apik_shared.vocabulary.inputs import (
    Email,
    FreeText,
    Input,
    Line,
    PersonName,
    Phone,
    invalid,
)


class Reporter(Input):
    """Who raises it, in the identified and confidential modes: a way to reach them."""

    name: PersonName
    phone: Phone | None = None
    email: Email | None = None
    # Their university or school, and the unit they intern at.
    institution: Annotated[Line, Field(max_length=300)] | None = None

    @model_validator(mode="after")
    def _reachable(self) -> Self:
        if not (self.phone or self.email):
            raise invalid(
                "contact_required", "Give a phone or an email, so that an officer can reach you."
            )
        return self


class Reported(Input):
    """Who the report is about: a person, the unit, or both (sealed at rest)."""

    person: PersonName | None = None
    # One of the office's units (`APIK_UNITS`).
    unit: Annotated[str, Field(min_length=1, max_length=64)] | None = None

    @model_validator(mode="after")
    def _someone(self) -> Self:
        if not (self.person or self.unit):
            raise invalid(
                "person_or_unit_required",
                "Name a person, a unit, or both; or leave `reported` out.",
            )
        return self


class RedButtonRaise(Input):
    office: Annotated[str, Field(min_length=1, max_length=32, pattern=r"^[A-Za-z0-9_-]+$")]
    mode: Mode
    severity: Severity
    # What happened, in the intern's words.
    account: Annotated[FreeText, Field(min_length=1, max_length=20_000)]
    reporter: Reporter | None = None
    reported: Reported | None = None


class RedButtonReceipt(BaseModel):
    """Shown once: the receipt is the only way back to an anonymous case."""

    receipt_code: str
    mode: Mode
    raised_at: datetime
    protection_due: datetime


class ReporterShown(BaseModel):
    name: str
    phone: str | None
    email: str | None
    institution: str | None


class ReportedShown(BaseModel):
    person: str | None
    unit: str | None


class CasePublic(BaseModel):
    """A case as a protection officer reads it. A confidential reporter stays sealed
    (`reporter_sealed`); an anonymous one was never kept."""

    id: uuid.UUID
    office: str
    mode: Mode
    severity: Severity
    account: str
    reporter: ReporterShown | None
    reporter_sealed: bool
    reported: ReportedShown | None
    # How many OTHER cases of the office name the same person / unit (never which, nor
    # who raised them); None when this case names none.
    same_person_reports: int | None
    same_unit_reports: int | None
    status: CaseStatus
    raised_at: datetime
    protection_due: datetime
    acknowledged_at: datetime | None
    acknowledged_by: str | None
    protected_at: datetime | None  # the first protective action
    protection: Protection  # against protection_due: pending, overdue, met, late
    escalation_level: int  # 0: not escalated; 1: other officers alerted; 2: the head
    version: int


class ActionCreate(Input):
    """A protective action an officer took."""

    kind: ActionKind
    # What was done, for the officers who take the case over (sealed at rest).
    note: Annotated[FreeText, Field(min_length=3, max_length=5000)]
    # The intern agreed; a referral to their university's task force needs it.
    consent: bool = False


class IdentityRequestCreate(Input):
    reason: Annotated[Line, Field(min_length=10, max_length=1000)]


class IdentityRequestPublic(BaseModel):
    id: uuid.UUID
    case_id: uuid.UUID
    reason: str
    requested_username: str
    requested_at: datetime
    approved_username: str | None
    approved_at: datetime | None


# --- messages -------------------------------------------------------------------------

# The receipt as the intern types it back (`rules.normalise_receipt` reads it): in the
# body, never the URL, so that no access log or browser history keeps it.
ReceiptCode = Annotated[str, Field(min_length=16, max_length=40)]
MessageText = Annotated[FreeText, Field(min_length=1, max_length=5000)]


class MessageCreate(Input):
    """An officer's message to the intern."""

    text: MessageText


class InternMessageCreate(Input):
    """The intern's message, with the receipt that is their only key to the case."""

    receipt_code: ReceiptCode
    text: MessageText


class ThreadRequest(Input):
    """The intern asks for their case's messages with the receipt."""

    receipt_code: ReceiptCode


class MessagePublic(BaseModel):
    """A message as an officer reads it: which officer wrote it, if one did."""

    id: uuid.UUID
    author: Author
    officer: str | None
    text: str
    sent_at: datetime


class InternMessage(BaseModel):
    """A message as the intern reads it: from the office, not from a named officer (the
    receipt may be in someone else's hands)."""

    author: Author
    text: str
    sent_at: datetime


# --- the conflict-of-interest register --------------------------------------------------


class StaffRegister(Input):
    """A protection officer as a report would name them, and where they supervise."""

    name: PersonName
    unit: Annotated[str, Field(min_length=1, max_length=64)] | None = None


class StaffPublic(BaseModel):
    """An entry as the head reads it back: the name is not kept, only its keyed hash."""

    username: str
    office: str
    unit: str | None
    set_by: str
    set_at: datetime


class MonthStatsPublic(BaseModel):
    """A month of the office's Red Button cases, in its own zone. `cases` and the times
    are null when the month holds fewer cases than `APIK_STATISTICS_MIN_COUNT`."""

    month: str  # YYYY-MM
    cases: int | None
    median_acknowledge_minutes: float | None
    median_protect_minutes: float | None


class DutyWindow(Input):
    """An on-duty window in the office's own zone: an ISO weekday (1 is Monday), and a
    start and end time; 00:00 as the end is midnight."""

    weekday: Annotated[int, Field(ge=1, le=7)]
    start: time
    end: time


class RosterOfficer(Input):
    username: Annotated[str, Field(min_length=1, max_length=200)]
    windows: Annotated[list[DutyWindow], Field(min_length=1, max_length=28)]


class RosterPut(Input):
    """The office's whole on-duty roster of protection officers (it replaces the last)."""

    officers: Annotated[list[RosterOfficer], Field(max_length=50)]


class RosterPublic(BaseModel):
    office: str
    timezone: str
    officers: list[RosterOfficer]


class AlertPublic(BaseModel):
    """An open alert: the case's reference, office, time and severity, nothing else."""

    id: uuid.UUID
    case_id: uuid.UUID
    office: str
    severity: Severity
    raised_at: datetime
    level: int
    alerted_at: datetime
