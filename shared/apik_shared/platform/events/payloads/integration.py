"""Events published by the integration service: its connections to complaint portals
and its imports of an office's old records.

References and codes, never personal data in clear. A complaint the portal assigned to
an office is its portal and the portal's tracking id; the complainant and the text
travel sealed (`sealed`, bound to the portal and tracking id). An imported row names
only references (the import, the row, the office, the old registration number); its
fields travel sealed (`record`, bound to the import and row). Both are AES-GCM
ciphertexts under the one keyring integration and intake share (`APIK_TRANSFER_KEYS`);
their distinct contexts keep one from opening as the other. Neither the stream nor a
webhook subscriber can read them.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from apik_shared.platform.events.payloads.base import Event


class IntegrationEvent(Event):
    producer: ClassVar[str] = "integration"


class ImportRowReady(IntegrationEvent):
    """One checked row of an office's old records, for intake to register once (keyed on
    the old registration number) with its historical dates, channel `imported`, and no
    notification, portal push or deadline. `record` is sealed (`APIK_TRANSFER_KEYS`)."""

    event_type: ClassVar[str] = "import.row_ready"

    import_id: str
    row: int  # the row's number in the uploaded sheet (the header is row 1)
    office: str
    registration_number: str  # the old application's number, kept by intake
    record: str  # sealed JSON of the row's fields


def record_context(import_id: str, row: int) -> str:
    """What a sealed record is bound to: a ciphertext moved to another row fails."""
    return f"import:{import_id}:row:{row}"


class ComplaintPulled(IntegrationEvent):
    """A complaint a portal assigned to an office reached APIK (phase 2, pull), once per
    portal and tracking id; intake registers it as a report on the `portal` channel."""

    event_type: ClassVar[str] = "complaint.pulled"

    pulled_id: str  # integration's id of the pulled complaint
    portal: str  # e.g. "lapor"
    external_id: str  # the portal's tracking id: the report's external id
    office: str
    assigned_at: datetime  # when the portal assigned it to the office (its clock)
    via: str  # webhook, poll or catch_up: how it was found
    # The complainant and the complaint's text, sealed with the transfer keyring
    # (`APIK_TRANSFER_KEYS`), bound to the portal and tracking id.
    sealed: str


class PortalStatusChanged(IntegrationEvent):
    """The portal moved one of an office's linked reports (phase 3, two-way), one event
    per update the portal sent (deduplicated on its id). `effect` is FixMyStreet's
    judgement: `applied` moved the portal's status, `older` and `unchanged` are notes.
    `apik_step` is what the office's status map makes of the portal's status (None: a
    note only)."""

    event_type: ClassVar[str] = "portal.status_changed"

    portal: str
    external_id: str
    update_id: str  # the portal's id of the update
    office: str
    registration_number: str
    report_id: str | None = None
    portal_status: str
    effect: str  # applied, older, unchanged
    apik_step: str | None = None
    at: datetime  # when the portal made the change (its clock)


EVENT_TYPES: dict[str, type[Event]] = {
    e.event_type: e for e in (ImportRowReady, ComplaintPulled, PortalStatusChanged)
}
