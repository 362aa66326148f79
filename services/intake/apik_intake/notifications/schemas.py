"""Bodies of the notifications' routes: the office's templates and a report's messages
(never their recipient: the address is the reporter's identity)."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, Field

from apik_intake.notifications.rules import (
    PLACEHOLDERS,
    NotificationChannel,
    NotificationKind,
    NotificationStatus,
)
from apik_shared.vocabulary.inputs import FreeText, Input, Line

_KNOWN = ", ".join("{" + name + "}" for name in sorted(PLACEHOLDERS))


class TemplateIn(Input):
    subject: Line = Field(min_length=1, max_length=200, description=f"placeholders: {_KNOWN}")
    body: FreeText = Field(min_length=1, max_length=5000, description=f"placeholders: {_KNOWN}")


class TemplateOut(BaseModel):
    office: str
    kind: NotificationKind
    subject: str
    body: str
    # False: the default wording (the office has not written its own).
    custom: bool
    updated_by: str | None = None
    updated_at: datetime | None = None
    placeholders: list[str] = Field(default_factory=lambda: sorted(PLACEHOLDERS))


class NotificationOut(BaseModel):
    id: uuid.UUID
    kind: NotificationKind
    channel: NotificationChannel
    status: NotificationStatus
    attempts: int
    subject: str | None
    next_attempt_at: datetime
    sent_at: datetime | None
    created_at: datetime


class NotificationList(BaseModel):
    items: list[NotificationOut]
    stopped_at: datetime | None
