"""Request and response bodies of reports: registration, the report as staff see it."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, Field, ValidationInfo, field_validator

from apik_intake.notifications.rules import NotifyBy
from apik_intake.regions.rules import is_regency
from apik_intake.reports.rules import Kind, ReportStatus
from apik_shared.vocabulary.calendar import latest_date_in_indonesia
from apik_shared.vocabulary.inputs import (
    Address,
    Email,
    FreeText,
    Input,
    Line,
    Nik,
    PersonName,
    Phone,
    RecordDate,
    invalid,
)
from apik_shared.vocabulary.instants import plausible_year
from apik_shared.vocabulary.nik import PROVINCES, parse_nik


def _blank_is_none(value: Any) -> Any:
    # Forms send an empty phone or email for "none given"; intake always took it so.
    return None if isinstance(value, str) and not value.strip() else value


OptionalPhone = Annotated[Phone | None, BeforeValidator(_blank_is_none)]
OptionalEmail = Annotated[Email | None, BeforeValidator(_blank_is_none)]


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
    open311 = "open311"  # an app speaking Open311 GeoReport v2 (`open311/`)
    # Brought by a Sahabat Ombudsman member for a citizen (prevention's community).
    community = "community"


def past_instant(value: datetime | None) -> datetime | None:
    """A moment given for the record (an office's history): zoned, and not yet to come."""
    if value is None:
        return None
    if value.tzinfo is None:
        raise invalid("timezone_aware", "give the time zone, e.g. 2025-03-01T09:00:00+07:00")
    if value > datetime.now(UTC) + timedelta(minutes=1):
        raise invalid("datetime_past", "the time is in the future")
    return plausible_year(value)


def _not_future(value: date | None) -> date | None:
    # No office is known here: only a date after every Indonesian office's today (WIT's,
    # the easternmost) is in the future; the server's UTC date runs 7 to 9 hours behind.
    if value is not None and value > latest_date_in_indonesia():
        raise invalid("date_in_future", "the date is in the future")
    return value


class RepresentativeIn(Input):
    """Someone reporting for the reporter, with the power of attorney (surat kuasa)."""

    name: PersonName
    nik: Nik | None = None
    phone: OptionalPhone = None
    email: OptionalEmail = None
    address: Address | None = None
    relationship: Line | None = Field(default=None, max_length=100)
    power_of_attorney_number: Line | None = Field(default=None, max_length=100)
    power_of_attorney_date: RecordDate | None = None

    @field_validator("power_of_attorney_date")
    @classmethod
    def _poa_date(cls, value: date | None) -> date | None:
        return _not_future(value)


class ReporterIn(Input):
    name: PersonName
    nik: Nik | None = None
    place_of_birth: Line | None = Field(default=None, max_length=100)
    date_of_birth: RecordDate | None = None
    address: Address | None = None
    occupation: Line | None = Field(default=None, max_length=100)
    phone: OptionalPhone = None
    email: OptionalEmail = None
    representative: RepresentativeIn | None = None
    confidential: bool = False
    # How the reporter wants to hear of the report (`notifications/`): by default by
    # email when an email is given, else not at all.
    notify_by: NotifyBy | None = None

    @field_validator("notify_by")
    @classmethod
    def _reachable(cls, value: NotifyBy | None, info: ValidationInfo) -> NotifyBy | None:
        if value is NotifyBy.email and not info.data.get("email"):
            raise invalid("notify_needs_email", "notifications by email need the reporter's email")
        if value is NotifyBy.whatsapp and not info.data.get("phone"):
            raise invalid(
                "notify_needs_phone", "notifications by WhatsApp need the reporter's phone"
            )
        return value

    @field_validator("date_of_birth")
    @classmethod
    def _birth(cls, value: date | None, info: ValidationInfo) -> date | None:
        _not_future(value)
        nik = info.data.get("nik")
        if value is not None and nik and parse_nik(nik).birth_date != value:
            raise invalid(
                "birth_date_mismatch",
                "the date of birth does not match the one encoded in the NIK",
            )
        return value


class AgencyType(StrEnum):
    local_government = "local_government"  # pemerintah daerah and its offices (dinas)
    ministry = "ministry"
    government_agency = "government_agency"  # lembaga pemerintah non-kementerian
    police = "police"
    prosecutor = "prosecutor"
    court = "court"
    land_office = "land_office"
    school = "school"
    university = "university"
    hospital = "hospital"
    state_company = "state_company"  # BUMN
    regional_company = "regional_company"  # BUMD, e.g. the water company (PDAM)
    village = "village"
    other = "other"


class Maladministration(StrEnum):
    """The ten forms of maladministration."""

    undue_delay = "undue_delay"
    not_providing_service = "not_providing_service"
    incompetence = "incompetence"
    abuse_of_authority = "abuse_of_authority"
    procedural_deviation = "procedural_deviation"
    asking_for_payment = "asking_for_payment"
    improper_conduct = "improper_conduct"
    partiality = "partiality"
    discrimination = "discrimination"
    conflict_of_interest = "conflict_of_interest"


class RegionIn(Input):
    """A place by its Kemendagri codes: province `17`, regency or city `1771`."""

    province: str = Field(pattern=r"^\d{2}$")
    regency: str | None = Field(default=None, pattern=r"^\d{4}$")

    @field_validator("province")
    @classmethod
    def _province(cls, value: str) -> str:
        if value not in PROVINCES:
            raise invalid("unknown_province", "{province} is not a province code", province=value)
        return value

    @field_validator("regency")
    @classmethod
    def _regency(cls, value: str | None, info: ValidationInfo) -> str | None:
        province = info.data.get("province")
        if value is not None and (value[2:] == "00" or (province and value[:2] != province)):
            raise invalid(
                "regency_outside_province",
                "the regency code must extend the province code (e.g. 17 → 1771)",
            )
        # Exactly one of the decree's regencies and cities (`GET /public/regions` lists them).
        if value is not None and not is_regency(value):
            raise invalid(
                "unknown_regency", "{regency} is not a regency or city code", regency=value
            )
        return value


class AgencyIn(Input):
    name: Line = Field(min_length=1, max_length=300)
    type: AgencyType | None = None
    region: RegionIn | None = None


class ReportCreate(Input):
    kind: Kind = Kind.LM
    channel: Channel
    # Every kind's but an own-initiative investigation's (IPS), which has none.
    reporter: ReporterIn | None = None
    # Required for LM and RCO (see `rules.REQUIRED_FIELDS`), optional for the others.
    reported_agency: AgencyIn | None = None
    substance: Line | None = Field(default=None, min_length=1, max_length=64)
    summary: FreeText = Field(min_length=1, max_length=2000)
    chronology: FreeText | None = Field(default=None, min_length=1, max_length=50_000)
    event_date: RecordDate | None = None
    maladministration: list[Maladministration] = Field(
        default_factory=list, description="the forms of maladministration alleged"
    )
    location: RegionIn | None = Field(default=None, description="where it happened")
    # KNL: the question, and the answer when it is given at once.
    question: FreeText | None = Field(default=None, min_length=1, max_length=20_000)
    answer: FreeText | None = Field(default=None, min_length=1, max_length=20_000)
    # TEMBUSAN: whom the letter was addressed to, and the report it relates to.
    addressed_to: Line | None = Field(default=None, min_length=1, max_length=300)
    linked_report_id: uuid.UUID | None = None
    # The outreach programme it was taken at (required on the `outreach` channel).
    outreach_id: uuid.UUID | None = None
    # The Sahabat Ombudsman member who brought it for the citizen (prevention's member id;
    # required on the `community` channel, refused on the others).
    community_member_id: uuid.UUID | None = None
    # When the office received it, for letters received earlier and an office's history
    # (the KPIs count a report in the year it was received); now when unset.
    received_at: datetime | None = None
    # A letter's own number (nomor surat), as its sender wrote it: letter channel only.
    # Two offices holding the same letter recognise it by it (integration's peers).
    letter_number: Line | None = Field(
        default=None, min_length=1, max_length=100, examples=["005/DPU/III/2026"]
    )

    @field_validator("letter_number")
    @classmethod
    def _letters_only(cls, value: str | None, info: ValidationInfo) -> str | None:
        channel = info.data.get("channel")
        if value is not None and channel is not None and channel is not Channel.letter:
            raise invalid(
                "letter_number_letters_only", "only a letter (channel `letter`) has a letter number"
            )
        return value

    @field_validator("received_at")
    @classmethod
    def _received(cls, value: datetime | None) -> datetime | None:
        return past_instant(value)

    @field_validator("maladministration")
    @classmethod
    def _distinct(cls, value: list[Maladministration]) -> list[Maladministration]:
        return list(dict.fromkeys(value))

    @field_validator("event_date")
    @classmethod
    def _not_in_future(cls, value: date | None) -> date | None:
        # The loose bound of a body (see `_not_future`); registration then checks the
        # date against the receipt's day in the office's own time zone.
        if value is not None and value > latest_date_in_indonesia():
            raise invalid("date_in_future", "the event date is in the future")
        return value


class ReporterPublic(BaseModel):
    """No identity here: reading it is a separate, audited request."""

    id: uuid.UUID  # this report's reporter: one per report, links nothing
    confidential: bool
    # The same person across reports (recognised by NIK, phone or email). None on a
    # confidential report, for every role: the entitled ones read it with the identity
    # (`GET …/reporter`), where the read is audited.
    person_id: uuid.UUID | None = None
    # What recognised a repeat reporter: "nik", "phone", "email"; empty for a first report
    # (and on a confidential report, for the same reason as `person_id`).
    matched_on: list[str] = Field(default_factory=list)


class RegionPublic(BaseModel):
    province: str
    regency: str | None = None


class AgencyPublic(BaseModel):
    name: str
    type: str | None = None
    region: RegionPublic | None = None


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
    reported_agency: AgencyPublic | None
    substance: str | None
    summary: str
    chronology: str | None
    event_date: date | None
    maladministration: list[str]
    location: RegionPublic | None
    question: str | None
    answer: str | None
    answered_at: datetime | None
    addressed_to: str | None
    linked_report_id: uuid.UUID | None
    link_type: str | None
    outreach_id: uuid.UUID | None
    community_member_id: uuid.UUID | None = None
    letter_number: str | None = None
    represented: bool
    flags: list[str]
    completion_due: datetime | None
    rejection_reason: str | None
    examination_unit: str | None
    assignee: str | None = Field(description="the staff member's subject (user:…)")
    assigned_at: datetime | None
    case_outcome: str | None
    case_closed_at: datetime | None
    received_at: datetime
    created_at: datetime
    updated_at: datetime
    version: int
    # The steps the caller may take now (the intake officers'), by its status and kind.
    allowed_steps: list[str]
    # What the caller may do besides (`assign`, `route`: alone or in bulk from a list; the
    # head's `age_exception`), by its status and the caller's roles.
    allowed_actions: list[str] = Field(default_factory=list)


class ReportDetail(ReportPublic):
    timeline: list[StepPublic]
