"""Bodies of the steps a report goes through (verification, plenary, answer)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, field_validator

from apik_intake.schemas import Strict, past_instant


class FormalChecklist(Strict):
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


class NoticeIn(Strict):
    """What the reporter was told, and how (the text, not the address it went to)."""

    channel: NoticeChannel
    message: str = Field(min_length=1, max_length=5000)


class Decided(Strict):
    """A step's body: `decided_at` records a decision taken earlier (an office's history);
    not in the future, not before the step before it."""

    decided_at: datetime | None = None

    @field_validator("decided_at")
    @classmethod
    def _decided(cls, value: datetime | None) -> datetime | None:
        return past_instant(value)


class FormalVerification(Decided):
    complete: bool
    missing: list[str] = Field(default_factory=list, description="what the reporter must add")
    note: str | None = Field(default=None, max_length=5000)
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
    note: str | None = Field(default=None, max_length=5000)


class Answer(Decided):
    answer: str = Field(min_length=1, max_length=20_000)


class PlenaryDecision(Decided):
    decision: Literal["accept", "reject", "rco"]
    reason: str | None = Field(default=None, max_length=5000)
    participants: list[Annotated[str, Field(min_length=1, max_length=200)]] = Field(
        default_factory=list, max_length=50, description="who sat in the plenary"
    )
    examination_unit: str | None = Field(
        default=None, min_length=1, max_length=100, description="where an accepted report goes"
    )


# A person's subject as the gateway's tokens carry it; API clients and the service's own
# jobs (`client:…`, `system:…`) are not people work can be given to.
USER_SUBJECT = r"user:[A-Za-z0-9._@-]{1,123}"


class AssignmentIn(Strict):
    """Gives the report to a PVL staff member, or takes it back with `null`."""

    assignee: str | None = Field(
        pattern=f"^{USER_SUBJECT}$",
        description="the staff member's subject, e.g. user:42; null unassigns",
    )
    note: str | None = Field(default=None, max_length=2000)
