"""The live queue's bodies: what a screen at the desk shows."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel

from apik_consultation.visits.rules import Category, VisitStatus


class QueueEntry(BaseModel):
    """What a screen at the desk shows: no visitor's name."""

    id: uuid.UUID
    ticket: int
    category: Category
    status: VisitStatus
    officer: str | None
    checked_in_at: datetime
    duration_seconds: int
    clock_running: bool


class Queue(BaseModel):
    office: str | None
    at: datetime
    items: list[QueueEntry]
