"""Bodies of the public channel: the citizen's form, the receipt, the tracking page."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field, field_validator

from apik_intake.attachments.schemas import AttachmentPublic
from apik_intake.reports.schemas import AgencyIn, Maladministration, RegionIn, ReporterIn
from apik_shared.vocabulary.calendar import latest_date_in_indonesia
from apik_shared.vocabulary.inputs import FreeText, Input, Line, RecordDate, invalid


class PublicReportCreate(Input):
    """A public report (LM) filed by the citizen on the web form."""

    office: str = Field(pattern=r"^[A-Z0-9_-]{2,32}$", description="the office to file with")
    reporter: ReporterIn
    reported_agency: AgencyIn
    substance: Line = Field(min_length=1, max_length=64)
    summary: FreeText = Field(min_length=1, max_length=2000)
    chronology: FreeText = Field(min_length=1, max_length=50_000)
    event_date: RecordDate | None = None
    maladministration: list[Maladministration] = Field(default_factory=list)
    location: RegionIn | None = None

    @field_validator("event_date")
    @classmethod
    def _not_in_future(cls, value: date | None) -> date | None:
        # After every Indonesian office's today (WIT's) is the future wherever the office
        # is; registration then checks it against the office's own date.
        if value is not None and value > latest_date_in_indonesia():
            raise invalid("date_in_future", "the event date is in the future")
        return value


class PublicFormRules(BaseModel):
    """What the public form says in words before the citizen picks files or saves:
    the office's own settings, so the page never states a limit the server does not keep."""

    max_files: int
    max_file_bytes: int
    # Media types, decided from the content (`apik_shared.platform.uploads`).
    file_types: list[str]
    draft_days: int


class PublicReceipt(BaseModel):
    registration_number: str
    # Shown once: only a hash is kept. With the number it opens the tracking page.
    tracking_pin: str
    status: str
    registered_at: datetime
    # The files sent with the form (multipart); empty for the JSON form.
    attachments: list[AttachmentPublic] = Field(default_factory=list)


class TrackingPin(BaseModel):
    registration_number: str
    tracking_pin: str


class TrackingStep(BaseModel):
    status: str
    at: datetime


class CaseOutcome(BaseModel):
    outcome: str
    route: str
    closed_at: datetime
    # Where the reporter rates the handling (examination's public survey), if offered.
    survey_url: str | None = None


class TrackingView(BaseModel):
    """What the reporter sees: where the report stands, and nothing personal."""

    registration_number: str
    kind: str
    status: str
    registered_at: datetime
    updated_at: datetime
    timeline: list[TrackingStep]
    outcome: CaseOutcome | None = None
