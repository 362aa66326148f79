"""CloudEvents 1.0 structured JSON envelope, and how an event type maps to a subject.

`type` is the domain name of the event (`report.verified`); the subject on the stream is
`apik.<producer>.<type>`, e.g. `apik.intake.report.verified`. Payloads live in
`apik_shared.platform.events.payloads`; a breaking change to one is a new `type`.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

SPEC_VERSION = "1.0"
SUBJECT_ROOT = "apik"
STREAM_NAME = "APIK"
# Where the gateway serves each event type's JSON Schema; an event's `dataschema` is
# this under the platform's public address (`apik_shared.platform.events.schemas`).
SCHEMA_PATH = "/api/schemas/events/{event_type}.json"


class InvalidEnvelope(ValueError):
    """A message on the stream that is not a CloudEvent we can read."""


class CloudEvent(BaseModel):
    model_config = ConfigDict(frozen=True)

    specversion: str = SPEC_VERSION
    id: str = Field(default_factory=lambda: str(uuid.uuid4()))
    source: str  # the producing service, e.g. "/apik/intake"
    type: str
    subject: str | None = None  # the aggregate's id
    time: datetime = Field(default_factory=lambda: datetime.now(UTC))
    datacontenttype: str = "application/json"
    # The JSON Schema of `data` (an absolute URL, served by the gateway).
    dataschema: str | None = None
    traceparent: str | None = None
    data: dict[str, Any] = Field(default_factory=dict)

    @property
    def producer(self) -> str:
        return self.source.rsplit("/", 1)[-1]

    def to_json(self) -> bytes:
        return self.model_dump_json(exclude_none=True).encode()

    @classmethod
    def from_json(cls, raw: bytes) -> CloudEvent:
        try:
            event = cls.model_validate_json(raw)
        except (ValueError, ValidationError) as exc:
            raise InvalidEnvelope(str(exc)) from exc
        if event.specversion != SPEC_VERSION:
            raise InvalidEnvelope(f"unsupported specversion {event.specversion}")
        return event


P = TypeVar("P", bound=BaseModel)


class TypedEvent(CloudEvent, Generic[P]):
    """A CloudEvent whose `data` is its payload class, read with the envelope in one
    pass: validating the envelope, then its `data` dict again into the payload, cost
    about twice as much for every delivery of a typed consumer."""

    data: P  # type: ignore[assignment]


def typed_event(payload: type[BaseModel]) -> type[CloudEvent]:
    """The envelope class whose `data` is `payload` (pydantic builds it once per class)."""
    return TypedEvent[payload]  # type: ignore[valid-type]


def dataschema_for(public_url: str, event_type: str) -> str:
    """`https://apik.example/api/schemas/events/report.registered.json`."""
    return public_url.rstrip("/") + SCHEMA_PATH.format(event_type=event_type)


def source_of(service: str) -> str:
    return f"/{SUBJECT_ROOT}/{service}"


def subject_for(producer: str, event_type: str) -> str:
    return f"{SUBJECT_ROOT}.{producer}.{event_type}"


def event_type_of(subject: str) -> str:
    """The event type a subject carries, `subject_for` undone: `report.verified` of
    `apik.intake.report.verified`; "" for a subject of no event."""
    parts = subject.split(".", 2)
    return parts[2] if len(parts) == 3 else ""


def dead_letter_subject(service: str, consumer: str) -> str:
    """Where a consumer parks what it could not handle, for operators to inspect."""
    return f"{SUBJECT_ROOT}.deadletter.{service}.{consumer}"
