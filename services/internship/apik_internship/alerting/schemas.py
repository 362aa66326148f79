"""The head's register of where officers and the head are reached off-screen."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Self

from pydantic import BaseModel, model_validator

from apik_internship.alerting.rules import Channel, ContactRole, DeliveryStatus
from apik_shared.vocabulary.inputs import Email, Input, Phone, invalid


class ContactPut(Input):
    """A work email and/or a phone; `role` says whom the contact stands for (an officer,
    or the head, alerted at the last escalation level)."""

    role: ContactRole
    email: Email | None = None
    phone: Phone | None = None

    @model_validator(mode="after")
    def _reachable(self) -> Self:
        if not (self.email or self.phone):
            raise invalid("contact_required", "Give an email, a phone, or both.")
        return self


class ContactPublic(BaseModel):
    """A contact as the head sees it back: the address masked."""

    office: str
    username: str
    role: ContactRole
    email: str | None
    phone: str | None
    set_by: str
    set_at: datetime


class AlertDeliveryPublic(BaseModel):
    """An alert on its way to a person by one channel, and what became of it: the head
    sees a refused one (`failed`, with the gateway's reason) and mends the contact."""

    id: uuid.UUID
    case_id: uuid.UUID
    username: str
    channel: Channel
    level: int
    status: DeliveryStatus
    attempts: int
    last_error: str | None
    created_at: datetime
    next_attempt_at: datetime
    sent_at: datetime | None
