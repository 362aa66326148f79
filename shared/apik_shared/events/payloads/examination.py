"""Events published by examination."""

from __future__ import annotations

from datetime import datetime

from apik_shared.events.payloads.base import Payload


class CaseOpened(Payload):
    case_id: str
    report_id: str
    registration_number: str
    office: str
    track: str
    substance: str | None = None
    opened_at: datetime


EVENT_TYPES: dict[str, type[Payload]] = {
    "case.opened": CaseOpened,
}
