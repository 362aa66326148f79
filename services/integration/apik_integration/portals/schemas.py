"""Answers of the portal routes."""

from __future__ import annotations

import uuid
from datetime import datetime

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
