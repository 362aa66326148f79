"""Bodies and answers of the webhook routes."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from apik_integration.webhooks.rules import SubscriptionAction
from apik_shared.vocabulary.inputs import Input, Line

EventType = Annotated[Line, Field(min_length=1, max_length=100, examples=["report.registered"])]


class SubscriptionCreate(Input):
    client: Annotated[Line, Field(min_length=1, max_length=200, examples=["SIMPEG Pemprov"])]
    url: Annotated[
        Line, Field(min_length=1, max_length=2000, examples=["https://sistem.example.go.id/hook"])
    ]
    event_types: Annotated[list[EventType], Field(min_length=1, max_length=100)]


class SubscriptionPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    office: str
    client: str
    url: str
    event_types: list[str]
    status: str
    disabled_reason: str | None
    disabled_at: datetime | None
    failing_since: datetime | None
    # Until when the secret before the last rotation still signs beside the new one.
    previous_secret_until: datetime | None
    created_by: str
    created_at: datetime
    version: int
    # What the caller may do to it now (switch it off or on, rotate its secret).
    allowed_actions: list[SubscriptionAction]


class SubscriptionWithSecret(SubscriptionPublic):
    """The answer that carries the secret: shown once, at creation or rotation."""

    secret: str = Field(description="whsec_… : verify our signatures with it; never shown again")


class DeliveryPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    subscription_id: uuid.UUID
    event_id: str = Field(description="also the webhook-id header")
    event_type: str
    status: str = Field(description="pending, delivered, or failed (the dead letters)")
    attempts: int
    next_attempt_at: datetime | None
    last_status: int | None
    last_error: str | None
    created_at: datetime
    last_attempt_at: datetime | None
    delivered_at: datetime | None
