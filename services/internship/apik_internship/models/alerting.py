"""The Red Button's alerts leaving the building: the officers' and the head's contacts
(sealed), and one delivery per case, person and channel (`alerting/`)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from apik_shared.platform.fields import timestamp_field, utcnow


class RedButtonContact(SQLModel, table=True):
    """Where a protection officer or the head is reached off-screen: a work email and a
    phone, each sealed with the service keyring (bound to the office and username). Kept
    by the head."""

    __tablename__ = "red_button_contact"

    office: str = Field(primary_key=True, max_length=32)
    username: str = Field(primary_key=True, max_length=200)
    role: str = Field(max_length=32)  # `alerting.rules.ContactRole`
    email: str | None = Field(default=None, sa_column=Column(Text))  # sealed
    phone: str | None = Field(default=None, sa_column=Column(Text))  # sealed
    set_by: str
    set_at: datetime = timestamp_field(default_factory=utcnow)


class RedButtonDelivery(SQLModel, table=True):
    """An alert on its way to one person by one channel, written in the transaction that
    raised or escalated the case; one per case, person and channel, so that a level
    that reaches someone already alerted sends nothing again."""

    __tablename__ = "red_button_delivery"
    __table_args__ = (UniqueConstraint("case_id", "username", "channel"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    case_id: uuid.UUID = Field(foreign_key="red_button_case.id", index=True)
    office: str = Field(max_length=32)
    username: str = Field(max_length=200)
    channel: str = Field(max_length=16)  # `alerting.rules.Channel`
    level: int
    status: str = Field(max_length=16, index=True)  # `alerting.rules.DeliveryStatus`
    attempts: int = 0
    next_attempt_at: datetime = timestamp_field(default_factory=utcnow)
    last_error: str | None = None
    created_at: datetime = timestamp_field(default_factory=utcnow)
    sent_at: datetime | None = timestamp_field(default=None)
