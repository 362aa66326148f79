"""Bodies of duplicates, links and a report's history."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel

from apik_shared.vocabulary.inputs import Input


class DuplicatePublic(BaseModel):
    report_id: uuid.UUID
    registration_number: str
    score: float
    reasons: list[str]
    kind: str
    status: str
    summary: str
    created_at: datetime


class HeldElsewhere(BaseModel):
    """Another office of the deployment holds the same letter. Deliberately this and
    nothing more: no id (it opens nothing here), no reporter, no text."""

    office: str
    office_name: str
    registration_number: str
    status: str


class LinkIn(Input):
    target_report_id: uuid.UUID
    link: Literal["duplicate", "copy", "merged"]


class HistoryItem(BaseModel):
    report_id: uuid.UUID
    registration_number: str
    step: str
    from_status: str | None
    to_status: str
    actor: str
    details: dict[str, Any]
    at: datetime
