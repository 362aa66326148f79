"""The base of every event payload, and of every event."""

from __future__ import annotations

from typing import ClassVar

from pydantic import BaseModel, ConfigDict

from apik_shared.platform.events.envelope import subject_for


class Payload(BaseModel):
    # Consumers ignore fields added after they were written.
    model_config = ConfigDict(extra="ignore")


class Event(Payload):
    """A payload that is an event: its class names who publishes it and its type, so
    `publish(session, payload)` needs nothing else and a consumer registers a handler
    by class (`apik_shared.platform.events.handlers`)."""

    producer: ClassVar[str]  # the component that publishes it, e.g. "intake"
    event_type: ClassVar[str]  # e.g. "report.verified"

    @classmethod
    def stream_subject(cls) -> str:
        """The NATS subject it travels on, e.g. `apik.intake.report.verified`."""
        return subject_for(cls.producer, cls.event_type)
