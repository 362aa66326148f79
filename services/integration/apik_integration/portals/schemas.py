"""Answers of the portal routes."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field


class InboundAccepted(BaseModel):
    id: uuid.UUID
    portal: str
    webhook_id: str
    event_type: str | None
    received_at: datetime


class PortalSendPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    portal: str
    registration_number: str
    event_id: str
    event_type: str
    kind: str = Field(description="report, or update")
    status: str = Field(description="pending, sent, or failed (waiting for a replay)")
    attempts: int
    next_attempt_at: datetime | None
    last_error: str | None
    external_update_id: str | None
    created_at: datetime
    sent_at: datetime | None


class DeadlinePublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    due_on: date | None = Field(description="the last working day, in the office's calendar")
    done_on: date | None
    clock: str = Field(description="waiting, running, overdue, met or late")


class ReportDeadlinesPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    portal: str
    registration_number: str
    external_id: str = Field(description="the portal's tracking id")
    portal_status: str | None
    pushed_at: datetime
    verification: DeadlinePublic = Field(description="the portal verifies (3 working days)")
    follow_up: DeadlinePublic = Field(description="the office follows up (5 working days)")
    closure: DeadlinePublic = Field(
        description="closes without the complainant's reply (10 working days)"
    )


class PulledComplaintPublic(BaseModel):
    """A complaint a portal assigned to the office (no complainant: that is intake's)."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    portal: str
    external_id: str = Field(description="the portal's tracking id; the report's external id")
    office: str
    assigned_at: datetime = Field(description="when the portal assigned it (its clock)")
    via: str = Field(description="webhook, poll or catch_up: how it was found")
    pulled_at: datetime
    registration_number: str | None = Field(
        default=None, description="the report intake registered it as; null until it has"
    )
    report_id: str | None = Field(default=None, description="that report's id in intake")


class PullStatePublic(BaseModel):
    """The office's pull from one portal."""

    model_config = ConfigDict(from_attributes=True)

    portal: str
    polled_at: datetime | None = Field(description="the start of the last good poll")
    caught_up_on: date | None = Field(
        description="the office day of the last nightly catch-up; null: one is due"
    )
    caught_up_at: datetime | None
    last_error: str | None = Field(description="the last poll's failure, until one succeeds")
    last_error_at: datetime | None
