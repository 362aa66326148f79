"""Bodies of the steps a report goes through (verification, plenary, answer)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import Field, field_validator

from apik_intake.reports.schemas import past_instant
from apik_intake.steps.rules import PlenaryChoice
from apik_shared.vocabulary.inputs import (
    Address,
    FreeText,
    Input,
    Line,
    Nik,
    PersonName,
    RecordDate,
)


class FormalChecklist(Input):
    """The items of formal verification (`rules.CHECKLIST`); unset means not satisfied."""

    identity: bool | None = None
    chronology: bool | None = None
    prior_complaint: bool | None = Field(
        default=None, description="the reporter first complained to the agency or its superior"
    )
    within_two_years: bool | None = None
    power_of_attorney: bool | None = Field(default=None, description="only when represented")


class NoticeChannel(StrEnum):
    email = "email"
    whatsapp = "whatsapp"
    sms = "sms"
    phone = "phone"
    letter = "letter"
    in_person = "in_person"
    web = "web"


class NoticeIn(Input):
    """What the reporter was told, and how (the text, not the address it went to).

    The completion deadline runs from `sent_at` (the step's time when unset)."""

    channel: NoticeChannel
    message: FreeText = Field(min_length=1, max_length=5000)
    sent_at: datetime | None = Field(default=None, description="when it went to the reporter")

    @field_validator("sent_at")
    @classmethod
    def _sent(cls, value: datetime | None) -> datetime | None:
        return past_instant(value)


class Decided(Input):
    """A step's body: `decided_at` records a decision taken earlier (an office's history);
    not in the future, not before the step before it."""

    decided_at: datetime | None = None

    @field_validator("decided_at")
    @classmethod
    def _decided(cls, value: datetime | None) -> datetime | None:
        return past_instant(value)


class FormalVerification(Decided):
    complete: bool
    missing: list[FreeText] = Field(default_factory=list, description="what the reporter must add")
    note: FreeText | None = Field(default=None, max_length=5000)
    checklist: FormalChecklist | None = None
    notification: NoticeIn | None = Field(
        default=None, description="the notice sent to the reporter when incomplete"
    )


class MaterialVerification(Decided):
    """Passes when within authority and none of the other findings holds."""

    within_authority: bool
    already_reported: bool | None = Field(default=None, description="to us or elsewhere")
    in_court: bool | None = None
    agency_still_handling: bool | None = Field(
        default=None, description="the agency is still resolving it in a reasonable time"
    )
    note: FreeText | None = Field(default=None, max_length=5000)


class AgeException(Input):
    """A head's exception to the age limit of the event: the reason is kept in the
    report's history with who recorded it and when."""

    reason: FreeText = Field(min_length=10, max_length=5000)


class IdentityCompletion(Input):
    """What the reporter supplied to complete their identity for formal verification; the
    fields given replace the stored ones, the others stay. The power of attorney's
    number and date go to the representative (a represented report only)."""

    nik: Nik | None = None
    place_of_birth: Line | None = Field(default=None, min_length=1, max_length=100)
    date_of_birth: RecordDate | None = None
    address: Address | None = None
    occupation: Line | None = Field(default=None, min_length=1, max_length=100)
    power_of_attorney_number: Line | None = Field(default=None, min_length=1, max_length=100)
    power_of_attorney_date: RecordDate | None = None


class Answer(Decided):
    answer: FreeText = Field(min_length=1, max_length=20_000)


class PlenaryDecision(Decided):
    decision: PlenaryChoice
    reason: FreeText | None = Field(default=None, max_length=5000)
    participants: list[PersonName] = Field(
        default_factory=list, max_length=50, description="who sat in the plenary"
    )
    examination_unit: Line | None = Field(
        default=None, min_length=1, max_length=100, description="where an accepted report goes"
    )
