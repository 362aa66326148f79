"""Request and response bodies of the intake API."""

from __future__ import annotations

import re
import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from apik_intake.rules import ReportStatus

_NIK = re.compile(r"^\d{16}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class Kind(StrEnum):
    LM = "LM"  # Laporan Masyarakat: a public report
    RCO = "RCO"  # Respon Cepat Ombudsman: rapid response


class Channel(StrEnum):
    web = "web"
    email = "email"
    whatsapp = "whatsapp"
    phone = "phone"
    walk_in = "walk_in"
    letter = "letter"
    social_media = "social_media"
    outreach = "outreach"
    portal = "portal"


def normalise_phone(raw: str) -> str:
    """Indonesian numbers to E.164: `0812-3456-789` and `62812…` become `+62812…`."""
    digits = re.sub(r"[\s\-().]", "", raw)
    if digits.startswith("0"):
        digits = "+62" + digits[1:]
    elif digits.startswith("62"):
        digits = "+" + digits
    if not re.fullmatch(r"\+\d{8,15}", digits):
        raise ValueError("not a phone number (expected e.g. 0812 3456 7890 or +62…)")
    return digits


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ReporterIn(Strict):
    name: str = Field(min_length=1, max_length=200)
    nik: str | None = Field(default=None, description="NIK, 16 digits")
    phone: str | None = None
    email: str | None = Field(default=None, max_length=254)
    confidential: bool = False

    @field_validator("nik")
    @classmethod
    def _nik(cls, value: str | None) -> str | None:
        if value is not None and not _NIK.match(value):
            raise ValueError("a NIK has exactly 16 digits")
        return value

    @field_validator("phone")
    @classmethod
    def _phone(cls, value: str | None) -> str | None:
        return normalise_phone(value) if value else None

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        if value and not _EMAIL.match(value):
            raise ValueError("not an email address")
        return value.lower() if value else None


class AgencyIn(Strict):
    name: str = Field(min_length=1, max_length=300)


class ReportCreate(Strict):
    kind: Kind = Kind.LM
    channel: Channel
    reporter: ReporterIn
    reported_agency: AgencyIn
    substance: str = Field(min_length=1, max_length=64)
    summary: str = Field(min_length=1, max_length=2000)
    chronology: str = Field(min_length=1, max_length=50_000)
    event_date: date | None = None

    @field_validator("event_date")
    @classmethod
    def _not_in_future(cls, value: date | None) -> date | None:
        if value is not None and value > date.today():
            raise ValueError("the event date is in the future")
        return value


class FormalVerification(Strict):
    complete: bool
    missing: list[str] = Field(default_factory=list, description="what the reporter must add")
    note: str | None = Field(default=None, max_length=5000)


class MaterialVerification(Strict):
    within_authority: bool
    note: str | None = Field(default=None, max_length=5000)


class PlenaryDecision(Strict):
    decision: Literal["accept", "reject", "rco"]
    reason: str | None = Field(default=None, max_length=5000)


class ReporterPublic(BaseModel):
    """No identity here: reading it is a separate, audited request."""

    id: uuid.UUID
    confidential: bool


class AgencyPublic(BaseModel):
    name: str


class StepPublic(BaseModel):
    step: str
    from_status: str | None
    to_status: str
    actor: str
    details: dict[str, Any]
    at: datetime


class ReportPublic(BaseModel):
    id: uuid.UUID
    registration_number: str
    office: str
    kind: str
    channel: str
    status: ReportStatus
    track: str | None
    reporter: ReporterPublic
    reported_agency: AgencyPublic
    substance: str
    summary: str
    chronology: str
    event_date: date | None
    rejection_reason: str | None
    created_at: datetime
    updated_at: datetime
    version: int
    allowed_steps: list[str]


class ReportDetail(ReportPublic):
    timeline: list[StepPublic]


class SubstancePublic(BaseModel):
    code: str
    name_id: str
    name_en: str
