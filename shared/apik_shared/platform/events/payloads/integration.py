"""Events published by the integration service.

An imported row travels to intake sealed: the old record holds a reporter's name and
NIK and the complaint's text, and events carry no personal data in the clear. The
envelope names only references (the import, the row, the office, the old registration
number); `record` is an AES-GCM ciphertext under the keyring integration and intake
share for imports (`APIK_IMPORT_KEYS`), bound to the import and row.
"""

from __future__ import annotations

from typing import ClassVar

from apik_shared.platform.events.payloads.base import Event


class IntegrationEvent(Event):
    producer: ClassVar[str] = "integration"


class ImportRowReady(IntegrationEvent):
    """One checked row of an office's old records, for intake to register once (keyed on
    the old registration number) with its historical dates, channel `imported`, and no
    notification, portal push or deadline. `record` is sealed (`APIK_IMPORT_KEYS`)."""

    event_type: ClassVar[str] = "import.row_ready"

    import_id: str
    row: int  # the row's number in the uploaded sheet (the header is row 1)
    office: str
    registration_number: str  # the old application's number, kept by intake
    record: str  # sealed JSON of the row's fields


def record_context(import_id: str, row: int) -> str:
    """What a sealed record is bound to: a ciphertext moved to another row fails."""
    return f"import:{import_id}:row:{row}"


EVENT_TYPES: dict[str, type[Event]] = {e.event_type: e for e in (ImportRowReady,)}
