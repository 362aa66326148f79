"""Complaints from a portal: registering them and their status changes (`complaints`),
and fetching the files they name (`files`)."""

from apik_intake.portals.service.complaints import (
    PortalIntake,
    portal_actor,
    transfer_context,
)
from apik_intake.portals.service.files import FetchedFiles, fetch_due_files, file_refs_added

__all__ = [
    "FetchedFiles",
    "PortalIntake",
    "fetch_due_files",
    "file_refs_added",
    "portal_actor",
    "transfer_context",
]
