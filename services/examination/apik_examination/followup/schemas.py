"""Request and response bodies of the steps after the final report (LHP)."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import BaseModel, Field

from apik_examination.followup.rules import Implementation, Stance
from apik_shared.vocabulary.inputs import FreeText, Input, RecordDate
from apik_shared.vocabulary.instants import Instant


class ReporterResponseCreate(Input):
    """The reporter's response to the LHP (tanggapan pelapor atas LHP)."""

    stance: Stance
    text: FreeText = Field(min_length=1, max_length=20000)
    # When the office received it; absent: now. Not in the future, not before the LHP.
    responded_at: Instant | None = None


class ReporterResponsePublic(BaseModel):
    id: uuid.UUID
    stance: Stance
    text: str
    responded_at: datetime
    respond_until: date  # the LHP's day + APIK_REPORTER_RESPONSE_DAYS
    late: bool  # received after `respond_until`: recorded all the same
    recorded_by: str
    recorded_at: datetime


class RecommendationCreate(Input):
    """The recommendation (rekomendasi) after the LHP."""

    text: FreeText = Field(min_length=1, max_length=20000)
    # When it was issued; absent: now. Not in the future, not before the LHP.
    issued_at: Instant | None = None
    # The day the agency received it, when known already (else `…/receipt` later).
    received_on: RecordDate | None = None


class RecommendationReceipt(Input):
    received_on: RecordDate


class RecommendationReportCreate(Input):
    """A report on the recommendation's implementation, from the agency's superior."""

    implementation: Implementation
    text: FreeText = Field(min_length=1, max_length=20000)
    # When the office received it; absent: now. Not in the future, not before the issue.
    reported_at: Instant | None = None


class RecommendationReportPublic(BaseModel):
    id: uuid.UUID
    implementation: Implementation
    text: str
    reported_at: datetime
    late: bool  # received after `report_due_on`: recorded all the same
    recorded_by: str
    recorded_at: datetime


class RecommendationPublic(BaseModel):
    case_id: uuid.UUID
    text: str
    issued_at: datetime
    received_on: date | None
    # The last day for the implementation report: received_on + 60 days (UU 37/2008
    # art. 38(2), `APIK_RECOMMENDATION_REPORT_DAYS`); None until the receipt is known.
    report_due_on: date | None
    issued_by: str
    reports: list[RecommendationReportPublic]
    overdue: bool  # past report_due_on without a report, in the office's today


class OverdueRecommendation(BaseModel):
    case_id: uuid.UUID
    registration_number: str
    office: str
    reported_agency: str
    issued_at: datetime
    received_on: date | None
    report_due_on: date | None
