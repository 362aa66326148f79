"""Answers of the portal routes."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel


class InboundAccepted(BaseModel):
    id: uuid.UUID
    portal: str
    webhook_id: str
    event_type: str | None
    received_at: datetime
