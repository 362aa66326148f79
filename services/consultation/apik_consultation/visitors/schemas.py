"""The audit of visitors' reads, as the data protection officer reads it."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel


class VisitorReadPublic(BaseModel):
    id: int
    office: str
    visit_id: uuid.UUID
    actor: str
    actor_username: str
    actor_roles: list[str]
    purpose: str
    disclosure: str
    at: datetime
