"""Request and response bodies of the examination API."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import BaseModel


class CasePublic(BaseModel):
    id: uuid.UUID
    report_id: uuid.UUID
    registration_number: str
    office: str
    track: str
    status: str
    kind: str
    channel: str
    substance: str | None
    reported_agency: str
    summary: str
    event_date: date | None
    reporter_id: uuid.UUID
    confidential: bool
    handed_over_at: datetime
    opened_at: datetime
    version: int
